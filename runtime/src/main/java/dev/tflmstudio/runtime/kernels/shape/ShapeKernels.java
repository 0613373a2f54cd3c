package dev.tflmstudio.runtime.kernels.shape;

import dev.tflmstudio.runtime.kernels.KernelFamily;
import dev.tflmstudio.runtime.kernels.KernelRegistry;

/** Registers the data-movement kernels of package {@code kernels.shape}. */
public final class ShapeKernels implements KernelFamily {
    @Override
    public void registerAll(KernelRegistry.Builder registry) {
        registry.builtin("CONCATENATION", Concatenation::prepare)
                .builtin("SQUEEZE", Reshaping::squeeze)
                .builtin("EXPAND_DIMS", Reshaping::expandDims)
                .builtin("TRANSPOSE", Transpose::prepare)
                .builtin("MIRROR_PAD", MirrorPad::prepare)
                .builtin("SLICE", Slice::prepare)
                .builtin("SPLIT", Split::split)
                .builtin("SPLIT_V", Split::splitV)
                .builtin("PACK", Pack::pack)
                .builtin("UNPACK", Pack::unpack)
                .builtin("GATHER", Gather::prepare)
                .builtin("GATHER_ND", GatherNd::prepare)
                .builtin("EMBEDDING_LOOKUP", EmbeddingLookup::prepare)
                .builtin("RESIZE_NEAREST_NEIGHBOR", ResizeNearestNeighbor::prepare)
                .builtin("RESIZE_BILINEAR", ResizeBilinear::prepare)
                .builtin("DEPTH_TO_SPACE", DepthSpace::depthToSpace)
                .builtin("SPACE_TO_DEPTH", DepthSpace::spaceToDepth)
                .builtin("BATCH_TO_SPACE_ND", SpaceBatch::batchToSpace)
                .builtin("SPACE_TO_BATCH_ND", SpaceBatch::spaceToBatch)
                .builtin("ZEROS_LIKE", Filling::zerosLike)
                .builtin("FILL", Filling::fill)
                .builtin("BROADCAST_TO", Broadcasting::broadcastTo)
                .builtin("BROADCAST_ARGS", Broadcasting::broadcastArgs)
                .builtin("SHAPE", ShapeOf::prepare)
                .builtin("REVERSE_V2", ReverseV2::prepare)
                .builtin("DYNAMIC_UPDATE_SLICE", DynamicUpdateSlice::prepare);
    }
}
