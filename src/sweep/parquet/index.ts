export { BufferedParquetWriter } from "./buffered.js";
export { ParquetFileWriter } from "./file.js";
export { serializeFileMetaData, type ColumnOrder, type FooterInput } from "./footer.js";
export { bitWidthOf, encodeHybrid, rleRun } from "./hybrid.js";
export { DictionaryFinder } from "./dictionary.js";
export {
  MAX_DICTIONARY_ENTRIES,
  RowGroupEncoder,
  type ChunkInfo,
  type EncodedRowGroup,
} from "./row-group.js";
export { INT64_COLUMNS, physicalType, schemaElements } from "./schema.js";
