package dev.tflmstudio.runtime.kernels.core;

/**
 * One UNIDIRECTIONAL_SEQUENCE_LSTM time step (TFLM's {@code LstmStep}): the four gates, the cell update, the hidden
 * update and the copy of the hidden state into the output, over the batch rows the step covers.
 */
interface LstmStep {
    /**
     * Runs the step on the input from element {@code inAt}, writing the output from element {@code outAt}, with
     * the hidden and cell state rows from element {@code stateAt}.
     */
    void run(int inAt, int outAt, int stateAt);
}
