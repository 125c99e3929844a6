const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** A byte count for people: `512 B`, `10.0 KiB`, `1.5 GiB`. */
export function humanSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** A rate for people: `12.3 MiB/s`. */
export function humanRate(bytesPerSecond: number): string {
  return `${humanSize(Math.round(bytesPerSecond))}/s`;
}
