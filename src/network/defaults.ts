import type { CongestionControl } from "./types.js";

/**
 * Constants of the network path model, each with its source. Values marked [inference] combine
 * documented settings in a way VMware does not document; values marked [assumption] are ours.
 * Every one is a default that a {@link PathSpec} can override.
 */

/** Light in fibre: about 5 us per km one way (refractive index ~1.5). Source: model.md section 4. */
export const FIBRE_SEC_PER_KM = 5e-6;

/**
 * TCP/IPv4 header bytes with the timestamp option: IPv4 20 + TCP 20 + timestamps 12 (RFC 7323).
 * MSS = MTU - 52: 1448 at MTU 1500, 8948 at MTU 9000. Source: model.md section 4.
 */
export const TCP_IPV4_TIMESTAMP_HEADER_BYTES = 52;

/**
 * Ethernet bytes on the wire around an IP packet: header 14 + FCS 4 + preamble and start delimiter 8
 * + inter-frame gap 12 = 38; a 1500-byte MTU frame takes 1538 bytes of line time. Source: IEEE 802.3,
 * model.md section 4.
 */
export const ETHERNET_OVERHEAD_BYTES = 38;

/** The standard Ethernet MTU; anything larger is a jumbo frame. */
export const STANDARD_MTU_BYTES = 1500;

/** Smallest MTU accepted: the IPv4 minimum datagram every host must accept (RFC 791). */
export const MIN_MTU_BYTES = 576;

/** Largest MTU accepted: the common jumbo-frame ceiling of data-centre switches (9216). [assumption] */
export const MAX_MTU_BYTES = 9216;

/**
 * vMotion TCP socket buffers, `Migrate.SndBufSize` / `Migrate.RcvBufSize`: 562540 B (ESXi 6.0U3 to
 * 9.0.1; 562140 in 6.0U3). Source: ESXi advanced-settings dumps, github.com/lamw/esxi-advanced-and-kernel-settings.
 */
export const VMOTION_SOCKET_BUFFER_BYTES = 562_540;

/**
 * `Migrate.NetLatencyModeThreshold`: 4 ms, the "lowest possible round-trip time before vMotion must
 * operate in latency-aware mode". Source: ESXi advanced-settings dumps, github.com/lamw/esxi-advanced-and-kernel-settings.
 */
export const LATENCY_AWARE_THRESHOLD_RTT_SEC = 0.004;

/**
 * `Net.TcpipAutoScaleSndBufSize` 16 MiB (ESXi 8.0U3, lamw advanced-settings lists): the ceiling
 * of the `expected-line-rate` buffer mode. That vMotion's buffers obey it is an [inference].
 */
export const AUTOSCALE_MAX_BUFFER_BYTES = 16 * 2 ** 20;

/**
 * Largest TCP window with window scaling: 65535 x 2^14 = 1,073,725,440 B (RFC 7323 section 2.3,
 * shift count at most 14). The ceiling of the default `bdp` buffer mode: no TCP window can be larger.
 * That vMotion's buffers grow this far when the path needs it is an [assumption] (model.md section 4).
 */
export const TCP_MAX_WINDOW_BYTES = 65_535 * 2 ** 14;

/**
 * The line rate latency-aware mode sizes its buffers for: `Migrate.NetExpectedLineRateMBps` = 133,
 * "Expected network throughput, in MBps, for bandwidth-delay calculation" (ESXi 6.0U3 to 9.0.1,
 * github.com/lamw/esxi-advanced-and-kernel-settings), read as 10^6 bytes. 133 MB/s x 10 ms = 1.33 MB, close to the
 * 1.25 MB that VMware's Metro vMotion example resizes to at 10 ms RTT (model.md section 4).
 */
export const EXPECTED_LINE_RATE_BYTES_PER_SEC = 133e6;

/**
 * One vMotion stream helper saturates about 15 Gbit/s: `Migrate.MigrateStreamHelperBwUtilMax` 15000
 * Mbps. Used as the per-stream CPU cap. Sources: Hagoort 2021, nielshagoort.com/2021/03/09/auto-tuning-vmotion-streams/; ESXi 8.0 U3 / 9.0.1
 * advanced settings, github.com/lamw/esxi-advanced-and-kernel-settings.
 */
export const STREAM_HELPER_BYTES_PER_SEC = 15e9 / 8;

/**
 * Most one vMotion stream carries when it is the only one: 18 Gbit/s. Broadcom KB 323379: "When
 * using a single vMotion vmknic with a 40GbE NIC, the peak vMotion bandwidth is limited to 18
 * gigabits per second because the vMotion worker thread becomes CPU saturated." Several streams
 * each carry {@link STREAM_HELPER_BYTES_PER_SEC} (15 Gbit/s, the figure VMware sizes the stream
 * count by), so n streams carry at most max(18, 15 x n) Gbit/s: that a lone worker thread reaches
 * the KB's peak while several settle at the setting's 15 Gbit/s each (sharing the host's memory
 * bandwidth, NIC queues and caches) is an [assumption] (model.md section 4, docs/validation.md).
 */
export const LONE_STREAM_PEAK_BYTES_PER_SEC = 18e9 / 8;

/**
 * The first vSphere version whose vMotion opens several streams per vmknic on its own: 7.0. Before
 * it, one TCP connection and one worker thread per vMotion vmknic (KB 323379, "vMotion in vSphere 6
 * creates TCP/IP connections (or stream channels) ... based on the configured vMotion vmknics");
 * vSphere 7.0 U2 "automatically spins up the number of streams according to the bandwidth of the
 * physical NICs" (Hagoort 2021, VMware). Versions are major.minor here, so a 7.0 host is taken to run
 * Update 2 or later [assumption: 7.0 U1 and earlier behave as 6.x].
 */
export const AUTO_STREAMS_FROM_VSPHERE = 7.0;

/** TCP initial congestion window: 10 segments (RFC 6928). */
export const INITIAL_WINDOW_SEGMENTS = 10;

/** Mathis et al. (1997) constant C = sqrt(3/2), about 1.22. Source: model.md section 4. */
export const MATHIS_C = 1.22;

/**
 * Retransmission timeout T0 of the loss model's timeout term: 1 s, the minimum RTO of RFC 6298
 * section 2.4 ("if it is less than 1 second, then the RTO SHOULD be rounded up to 1 second"). That
 * the ESXi stack follows the SHOULD is an [assumption]; the term matters only above ~1e-3 loss.
 */
export const MIN_RTO_SEC = 1;

/** CUBIC constant C = 0.4 (segments / s^3) and multiplicative decrease beta = 0.7 (RFC 9438 section 4.1, 4.6). */
export const CUBIC_C = 0.4;
export const CUBIC_BETA = 0.7;

/**
 * Congestion control of the vMotion TCP/IP stack when none is given: `newreno`. ESXi lets each
 * TCP/IP stack choose New Reno or CUBIC (vSphere networking docs, "Change the Configuration of a
 * TCP/IP Stack"); which one the vMotion stack uses by default is not published, so this is an
 * [assumption], chosen as the conservative one (CUBIC never carries less, RFC 9438 section 4.3).
 */
export const DEFAULT_CONGESTION_CONTROL: CongestionControl = "newreno";

/**
 * One-way forwarding delay of one data-centre router hop: 1 us. Arista 7050X data sheet: "In
 * cut-through mode ... forward packets with a latency of 550 nanoseconds to 650 nanoseconds", rounded
 * up to 1 us for the L3 lookup. Store-and-forward serialization is counted per segment (rtt.ts), and
 * queueing is taken as zero on a dedicated vMotion network [assumption]; give `--hop-delay` for a
 * loaded or software router.
 */
export const DEFAULT_HOP_DELAY_SEC = 1e-6;

/**
 * Bit error ratio of an Ethernet link: at most 1e-12, the objective of IEEE 802.3 from 1000BASE-X
 * to 40/100 GbE (at the MAC service interface). A dedicated inter-site circuit (dark fibre or DWDM)
 * loses a packet only to a bit error, so its packet loss is about BER x frame bits:
 * 1538 B x 8 x 1e-12 = 1.2e-8 at MTU 1500. Used as the loss of the metro and WAN presets' circuit;
 * a shared or VPN WAN loses far more (`--loss 1e-5`).
 */
export const ETHERNET_BER = 1e-12;

/** Long-distance vMotion supports at most 150 ms RTT (vSphere 6.0+, KB 2106949). */
export const MAX_SUPPORTED_RTT_SEC = 0.15;

/**
 * "At least 250 Mbps of dedicated bandwidth per concurrent vMotion session" (vSphere 6.0+ docs).
 * Source: vSphere 6.0 networking docs, "vMotion Networking Requirements".
 */
export const MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SEC = 250e6 / 8;

/**
 * The vSphere API warns below a 1000 Mbps vMotion link: `VMotionLinkCapacityLow`, "VMotion is
 * supported on links that have a speed of at least 1000 Mbps and are full duplex" (vSphere Web
 * Services API reference).
 */
export const MIN_VMOTION_LINK_BYTES_PER_SEC = 1e9 / 8;

/**
 * Largest send buffer Linux's TCP autotuning grows a socket to: `net.ipv4.tcp_wmem` max, "Default:
 * between 64K and 4MB, depending on RAM size" (Linux kernel docs, networking/ip-sysctl, tcp_wmem;
 * 4 MiB on any host with a few GiB of RAM). The receive side grows further (`tcp_rmem` max, 6 MB to
 * 32 MB by kernel version), so on a default host the sender's 4 MiB bounds the bytes in flight of a
 * QEMU migration stream (QEMU leaves the socket's buffers to autotuning). That the hosts keep the
 * default sysctls is an [assumption]; tuned hosts give `--socket-buffer`. The skb overhead that
 * Linux counts against the buffer is left out, so this is an upper bound.
 */
export const LINUX_TCP_WMEM_MAX_BYTES = 4 * 2 ** 20;

/**
 * The window of one OpenSSH session channel: 64 packets of 32 KiB = 2 MiB (OpenSSH channels.h,
 * `CHAN_SES_WINDOW_DEFAULT` = 64 x `CHAN_SES_PACKET_DEFAULT`). `xl migrate` sends the domain over
 * ssh by default (xl(1): "By default xl relies on ssh as a transport mechanism between the two
 * hosts"), so at most 2 MiB of a Xen migration is unacknowledged at once, below the TCP buffer
 * under it. That the migration uses xl's default ssh transport is an [assumption] (`xl migrate -s`
 * and toolstacks such as libvirt's libxl driver can use another channel: give `--socket-buffer`).
 */
export const OPENSSH_CHANNEL_WINDOW_BYTES = 64 * 32 * 1024;

/**
 * Minimum retransmission timeout of Linux TCP: 200 ms (`net.ipv4.tcp_rto_min_us`, "Default:
 * 200000", Linux kernel docs, networking/ip-sysctl), the T0 floor of the loss model's timeout term
 * for a Linux sender (QEMU/KVM, a Xen dom0) in place of RFC 6298's 1 s.
 */
export const LINUX_MIN_RTO_SEC = 0.2;

/**
 * Congestion control of a Linux sender: CUBIC, Linux's default since 2.6.19 (RFC 9438 section 1
 * names it the default of the Linux stack; the kernel's `net.ipv4.tcp_congestion_control` default is
 * "set as part of kernel configuration", Linux kernel docs, networking/ip-sysctl). A host set to
 * another algorithm gives `--congestion-control`.
 */
export const LINUX_DEFAULT_CONGESTION_CONTROL: CongestionControl = "cubic";
