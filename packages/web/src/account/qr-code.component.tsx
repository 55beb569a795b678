import { useMemo } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code drawn in the page as SVG, made in the browser: the secret never leaves for an image service,
 * and no `data:` image is needed under the Content-Security-Policy.
 */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const { path, count } = useMemo(() => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
    const squares: string[] = [];
    for (let row = 0; row < modules.size; row += 1) {
      for (let col = 0; col < modules.size; col += 1) {
        if (modules.get(row, col)) squares.push(`M${col + 4} ${row + 4}h1v1h-1z`);
      }
    }
    // Four modules of quiet zone on each side, as scanners expect.
    return { path: squares.join(''), count: modules.size + 8 };
  }, [value]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${count} ${count}`}
      shapeRendering="crispEdges"
    >
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
