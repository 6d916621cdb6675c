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
}
