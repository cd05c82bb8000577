/** Calibration from real migrations: ESXi logs, QEMU query-migrate, published measurements. */
export { hexMidToDecimal, normalizeDecimalId } from "./migration-id.js";
export { parseLogTime, type LogTime } from "./log-time.js";
export { classifyLine, type FailureKind, type LineEvent } from "./vmotion-lines.js";
export {
  parseVmotionLogs,
  pagesToBytes,
  VMOTION_LOG_MB_BYTES,
  type Migration,
  type VmotionFailure,
  type VmotionLogParse,
} from "./vmotion-logs.js";
export {
  parseQemuMigrate,
  QEMU_DEFAULT_PAGE_BYTES,
  type QemuMigrationSample,
  type QemuMigrationStats,
} from "./qemu-migrate.js";
export {
  calibrateVmotion,
  calibrateQemu,
  throughputByHostPair,
  estimateCommandLine,
  sizeArg,
  type VmotionCalibration,
  type QemuCalibration,
  type HostPairThroughput,
  type CalibrateOptions,
} from "./calibrate.js";
export {
  validatePublishedCases,
  TCP_EFFICIENCY_MTU_1500,
  VALIDATION_DEFAULTS,
  type CaseValidation,
  type MetricComparison,
  type Metric,
  type ValidationReport,
} from "./validate.js";
