package vn.hanoi.lgsp.workers;

/** Where the workers reach NDXP and VDXP: the configured gateways, or the simulators standing in. */
public interface NationalEndpoints {

    NationalPlatformSettings.Endpoint ndxp();

    NationalPlatformSettings.Endpoint vdxp();
}
