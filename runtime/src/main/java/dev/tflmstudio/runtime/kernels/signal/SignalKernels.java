package dev.tflmstudio.runtime.kernels.signal;

import dev.tflmstudio.runtime.kernels.KernelFamily;
import dev.tflmstudio.runtime.kernels.KernelRegistry;

/**
 * Registers the custom {@code Signal*} audio front-end ops of TFLM's signal library: all ops of the micro_speech
 * preprocessors, the inverse FFT, and the stateful framing ops (Delay, Framer, Stacker, OverlapAdd).
 */
public final class SignalKernels implements KernelFamily {
    @Override
    public void registerAll(KernelRegistry.Builder registry) {
        registry.custom("SignalWindow", Window::prepare)
                .custom("SignalFftAutoScale", FftAutoScale::prepare)
                .custom("SignalRfft", Rfft::prepare)
                .custom("SignalIrfft", Irfft::prepare)
                .custom("SignalEnergy", Energy::prepare)
                .custom("SignalFilterBank", FilterBank::prepare)
                .custom("SignalFilterBankSquareRoot", FilterBankSquareRoot::prepare)
                .custom("SignalFilterBankSpectralSubtraction", SpectralSubtraction::prepare)
                .custom("SignalPCAN", Pcan::prepare)
                .custom("SignalFilterBankLog", FilterBankLog::prepare)
                .custom("SignalDelay", Delay::prepare)
                .custom("SignalFramer", Framer::prepare)
                .custom("SignalStacker", Stacker::prepare)
                .custom("SignalOverlapAdd", OverlapAdd::prepare);
    }
}
