/** Statistics for annotation audits: sampling plans, proportion intervals, inter-annotator agreement. */
export {
  CODE_LETTERS,
  INSPECTION_LEVELS,
  ISO_AQLS,
  codeLetter,
  inspectionLevel,
  isoPlan,
  maxIsoSampleSize,
  tableIIACell,
  type AcceptReject,
  type CodeLetter,
  type InspectionLevel,
  type IsoPlan,
  type IsoPlanInput,
  type TableIIACell,
} from './iso2859.js'
export { COCHRAN_FPC_FORM, cochranSampleSize, type CochranInput } from './cochran.js'
export {
  clopperPearsonInterval,
  clopperPearsonLowerBound,
  clopperPearsonUpperBound,
  wilsonInterval,
  wilsonLowerBound,
  wilsonUpperBound,
  type Interval,
} from './proportion.js'
export * from './agreement.js'
