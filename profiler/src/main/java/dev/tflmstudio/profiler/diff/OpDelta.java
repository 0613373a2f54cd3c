package dev.tflmstudio.profiler.diff;

/**
 * How one matched op changed from run A to run B. Fields that a side does not know (live bytes of a board run,
 * MACs without the model) are null.
 *
 * @param microsA      steady-state median time in A
 * @param shareA       the op's fraction of A's total time, 0..1
 * @param liveBytesA   arena bytes live while the op runs in A
 * @param macsA        the op's MACs in A's model
 */
public record OpDelta(int indexA, int indexB, String opName, double microsA, double microsB, double shareA,
                      double shareB, Long liveBytesA, Long liveBytesB, Long macsA, Long macsB) {

    public double deltaMicros() {
        return microsB - microsA;
    }

    /** Change of the op's share of total time, in percentage points. */
    public double deltaSharePoints() {
        return (shareB - shareA) * 100;
    }

    /** Change in percent of A's time; NaN when A took no time. */
    public double deltaPercent() {
        return microsA == 0 ? Double.NaN : (microsB - microsA) * 100 / microsA;
    }

    public Long deltaLiveBytes() {
        return liveBytesA == null || liveBytesB == null ? null : liveBytesB - liveBytesA;
    }

    public Long deltaMacs() {
        return macsA == null || macsB == null ? null : macsB - macsA;
    }
}
