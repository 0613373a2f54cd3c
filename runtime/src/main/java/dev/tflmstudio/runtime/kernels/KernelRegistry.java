package dev.tflmstudio.runtime.kernels;

import dev.tflmstudio.runtime.kernels.control.ControlKernels;
import dev.tflmstudio.runtime.kernels.core.CoreKernels;
import dev.tflmstudio.runtime.kernels.math.MathKernels;
import dev.tflmstudio.runtime.kernels.shape.ShapeKernels;
import dev.tflmstudio.runtime.kernels.signal.SignalKernels;
import dev.tflmstudio.runtime.model.BuiltinOperators;
import dev.tflmstudio.runtime.model.OperatorCode;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;

/** Finds the kernel for an op code (TFLM's op resolver): builtins by code, custom ops by name. */
public final class KernelRegistry {
    private static final KernelRegistry STANDARD = create();

    private final Map<Integer, Kernel> builtins;
    private final Map<String, Kernel> customs;

    private KernelRegistry(Map<Integer, Kernel> builtins, Map<String, Kernel> customs) {
        this.builtins = Map.copyOf(builtins);
        this.customs = Map.copyOf(customs);
    }

    /** Every kernel this runtime has. */
    public static KernelRegistry standard() {
        return STANDARD;
    }

    private static KernelRegistry create() {
        Builder b = new Builder();
        new CoreKernels().registerAll(b);
        new MathKernels().registerAll(b);
        new ShapeKernels().registerAll(b);
        new SignalKernels().registerAll(b);
        new ControlKernels().registerAll(b);
        return new KernelRegistry(b.builtins, b.customs);
    }

    /** The kernel for {@code code}, or null when this runtime lacks it. */
    public Kernel find(OperatorCode code) {
        if (code.isCustom()) {
            return code.customName() == null ? null : customs.get(code.customName());
        }
        return builtins.get(code.builtinCode());
    }

    /** Names of every registered op (builtin names and custom names), sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        builtins.keySet().forEach(c -> names.add(BuiltinOperators.name(c)));
        names.addAll(customs.keySet());
        return Collections.unmodifiableSet(names);
    }

    /** Collects registrations; a duplicate registration is a programming error. */
    public static final class Builder {
        private final Map<Integer, Kernel> builtins = new HashMap<>();
        private final Map<String, Kernel> customs = new HashMap<>();

        /** Registers a builtin by its schema name ({@code "CONV_2D"}). */
        public Builder builtin(String name, Kernel kernel) {
            int code = BuiltinOperators.code(name);
            if (code < 0) {
                throw new IllegalArgumentException("unknown builtin " + name);
            }
            if (builtins.putIfAbsent(code, OmittedInputs.around(name, TensorBounds.around(name, kernel))) != null) {
                throw new IllegalStateException("builtin " + name + " registered twice");
            }
            return this;
        }

        /** Registers a custom op by the name the model's operator code carries ({@code "SignalWindow"}). */
        public Builder custom(String name, Kernel kernel) {
            if (customs.putIfAbsent(name, TensorBounds.aroundCustom(kernel)) != null) {
                throw new IllegalStateException("custom op " + name + " registered twice");
            }
            return this;
        }
    }
}
