import type { VectorSource } from '../assets/svg-vector.js';

/** A decoded, normalised raster image ready for embedding. */
export interface ImageAsset {
  /** PNG or JPEG bytes. */
  readonly data: Buffer;
  readonly format: 'png' | 'jpeg';
  /** Pixel size. */
  readonly width: number;
  readonly height: number;
  /** Stable key for de-duplicating identical images in one PDF. */
  readonly key: string;
  /**
   * For an SVG that uses only shapes, paths and gradients (`isVectorSafe`): its source, drawn as
   * vector graphics instead of the raster (which stays the fallback).
   */
  readonly vector?: VectorSource;
}
