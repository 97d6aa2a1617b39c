package vn.hanoi.lgsp.status;

/** One dependency whose health the level-2 status reports. */
interface ComponentCheck {

    String name();

    /** Returns normally when the component answers; throws with the reason otherwise. */
    void check() throws Exception;
}
