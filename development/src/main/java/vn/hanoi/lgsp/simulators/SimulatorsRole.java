package vn.hanoi.lgsp.simulators;

import vn.hanoi.lgsp.StandaloneRole;

/** {@code lgsp.roles=simulators}: the simulated national and agency systems as a process of their own. */
public final class SimulatorsRole implements StandaloneRole {

    @Override
    public String name() {
        return "simulators";
    }

    @Override
    public void run(String[] args) throws InterruptedException {
        SimulatorApplication.runUntilStopped(SimulatorApplication.create(), args);
    }
}
