export { RATIO_SAMPLE_SIZE_FORMULA, ratioSampleSize, type RatioSampleSize, type RatioSampleSizeInput } from './sample-size.js';
