/**
 * Types for the parts of seek-bzip 2.0.0 we use (the package ships none). `decode` accepts a buffer
 * or any object with readByte(), read() (for the stream header) and eof() (for multistream decoding); without an output
 * argument it returns the decoded bytes as a Buffer. Failures are TypeErrors carrying `errorCode`
 * (seek-bzip's Err: -2 not bzip data, -3 unexpected input EOF, -5 data error, ...).
 */
declare module 'seek-bzip' {
  export interface BunzipInput {
    readByte(): number;
    /** Copies up to `length` bytes into `buffer` at `offset`; returns how many. */
    read(buffer: Uint8Array, offset: number, length: number): number;
    eof(): boolean;
  }
  const Bunzip: {
    decode(input: Uint8Array | BunzipInput, output?: undefined, multistream?: boolean): Buffer;
  };
  export default Bunzip;
}
