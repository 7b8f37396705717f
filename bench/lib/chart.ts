/**
 * The rate-limit chart: requests per second over time, one line per client, as a hand-written SVG.
 */

export interface ChartSeries {
  readonly label: string;
  /** Request counts per bin. */
  readonly bins: readonly number[];
  /** Dashed line (peers) or solid (vendor-errors). */
  readonly dashed: boolean;
  /** Where the run ended, in s (the series stops there). */
  readonly endS: number;
}

export interface ChartOptions {
  readonly title: string;
  readonly subtitle: string;
  readonly binMs: number;
  readonly series: readonly ChartSeries[];
  /** A horizontal reference line (the vendor's limit), in requests/s. */
  readonly limit?: { readonly value: number; readonly label: string };
  /** A vertical reference line (the ideal completion time), in s. */
  readonly ideal?: { readonly value: number; readonly label: string };
  /** The x axis ends here, in s; longer runs are clipped (and say so in the legend). */
  readonly maxS: number;
}

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#393b79',
  '#ad494a',
];

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A "nice" step for about `target` ticks over `range`. */
function niceStep(range: number, target: number): number {
  const raw = range / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Renders the chart as a standalone SVG document. */
export function renderChart(options: ChartOptions): string {
  const width = 1120;
  const plot = { left: 70, top: 70, width: 640, height: 360 };
  const height = plot.top + plot.height + 60;
  const perSecond = 1000 / options.binMs;
  const maxS = Math.max(0.5, options.maxS);
  let maxY = options.limit ? options.limit.value * 1.2 : 1;
  for (const s of options.series) {
    const visible = s.bins.slice(0, Math.ceil((maxS * 1000) / options.binMs));
    for (const c of visible) maxY = Math.max(maxY, c * perSecond);
  }
  const yStep = niceStep(maxY, 6);
  maxY = Math.ceil(maxY / yStep) * yStep;
  const xStep = niceStep(maxS, 10);
  const x = (s: number) => plot.left + (Math.min(s, maxS) / maxS) * plot.width;
  const y = (v: number) => plot.top + plot.height - (v / maxY) * plot.height;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plot.left}" y="28" font-size="16" font-weight="600">${esc(options.title)}</text>`,
    `<text x="${plot.left}" y="48" fill="#555">${esc(options.subtitle)}</text>`,
  );
  // Grid and axes.
  for (let v = 0; v <= maxY + 1e-9; v += yStep) {
    parts.push(
      `<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/>`,
      `<text x="${plot.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#333">${fmt(v)}</text>`,
    );
  }
  for (let s = 0; s <= maxS + 1e-9; s += xStep) {
    parts.push(
      `<line x1="${x(s).toFixed(1)}" x2="${x(s).toFixed(1)}" y1="${plot.top}" y2="${plot.top + plot.height}" stroke="#f0f0f0"/>`,
      `<text x="${x(s).toFixed(1)}" y="${plot.top + plot.height + 18}" text-anchor="middle" fill="#333">${fmt(s)}</text>`,
    );
  }
  parts.push(
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}" fill="none" stroke="#999"/>`,
    `<text x="${plot.left + plot.width / 2}" y="${plot.top + plot.height + 40}" text-anchor="middle">time since the first call (s)</text>`,
    `<text transform="translate(22 ${plot.top + plot.height / 2}) rotate(-90)" text-anchor="middle">requests/s received by the vendor (${options.binMs} ms bins)</text>`,
  );
  if (options.limit) {
    const ly = y(options.limit.value).toFixed(1);
    parts.push(
      `<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${ly}" y2="${ly}" stroke="#000" stroke-width="1.5" stroke-dasharray="2 3"/>`,
      `<text x="${plot.left + plot.width - 4}" y="${(Number(ly) - 6).toFixed(1)}" text-anchor="end">${esc(options.limit.label)}</text>`,
    );
  }
  if (options.ideal && options.ideal.value <= maxS) {
    const ix = x(options.ideal.value).toFixed(1);
    parts.push(
      `<line x1="${ix}" x2="${ix}" y1="${plot.top}" y2="${plot.top + plot.height}" stroke="#000" stroke-width="1" stroke-dasharray="6 4"/>`,
      `<text x="${(Number(ix) + 4).toFixed(1)}" y="${plot.top + 14}">${esc(options.ideal.label)}</text>`,
    );
  }
  // Series.
  options.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length] as string;
    const points: string[] = [];
    const n = Math.min(s.bins.length, Math.ceil((Math.min(s.endS, maxS) * 1000) / options.binMs));
    for (let b = 0; b < n; b++) {
      const t = ((b + 0.5) * options.binMs) / 1000;
      points.push(`${x(t).toFixed(1)},${y((s.bins[b] ?? 0) * perSecond).toFixed(1)}`);
    }
    if (points.length === 1) points.push(points[0] as string);
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="${s.dashed ? 1.5 : 2.2}"${s.dashed ? ' stroke-dasharray="5 3"' : ''} stroke-linejoin="round" points="${points.join(' ')}"/>`,
    );
    const ly = plot.top + 8 + i * 22;
    const lx = plot.left + plot.width + 20;
    const clipped = s.endS > maxS ? ` (runs to ${s.endS.toFixed(1)} s)` : ` (ends ${s.endS.toFixed(1)} s)`;
    parts.push(
      `<line x1="${lx}" x2="${lx + 26}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="${s.dashed ? 1.5 : 2.2}"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
      `<text x="${lx + 32}" y="${ly + 4}">${esc(s.label)}<tspan fill="#777">${esc(clipped)}</tspan></text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
