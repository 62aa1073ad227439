/** Small SVG charts for the summary, drawn by hand: bars by group, and a line on a log axis. */

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { left: 60, right: 20, top: 40, bottom: 50 };
const COLOURS = ['#3b6ea8', '#e0813a', '#4f9a52', '#b8463f'];

function frame(title: string, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" `,
    `viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14">${escape(title)}</text>`,
    body,
    '</svg>\n',
  ].join('');
}

/** A rounded-up axis maximum: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(value, 1e-9)));
  return [1, 2, 5, 10].map((step) => step * power).find((n) => n >= value) ?? value;
}

function yAxis(max: number, unit: string): string {
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = MARGIN.top + plotHeight * (1 - f);
    return (
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#ddd"/>` +
      `<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${round(max * f)}</text>`
    );
  });
  return (
    ticks.join('') +
    `<text x="14" y="${MARGIN.top + plotHeight / 2}" transform="rotate(-90 14 ${
      MARGIN.top + plotHeight / 2
    })" text-anchor="middle">${escape(unit)}</text>`
  );
}

const round = (value: number) => (value >= 10 ? Math.round(value) : Number(value.toFixed(1)));

/** Grouped bars: one group per category, one bar per series. */
export function barChart(
  title: string,
  unit: string,
  categories: string[],
  series: { name: string; values: number[] }[],
): string {
  const max = niceMax(Math.max(...series.flatMap((s) => s.values)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / categories.length;
  const barWidth = (groupWidth * 0.8) / series.length;
  const bars = categories.flatMap((category, c) => {
    const x0 = MARGIN.left + c * groupWidth + groupWidth * 0.1;
    const label =
      `<text x="${x0 + groupWidth * 0.4}" y="${HEIGHT - MARGIN.bottom + 16}" ` +
      `text-anchor="middle">${escape(category)}</text>`;
    return [
      label,
      ...series.map((s, i) => {
        const value = s.values[c] ?? 0;
        const h = (value / max) * plotHeight;
        const x = x0 + i * barWidth;
        const y = MARGIN.top + plotHeight - h;
        return (
          `<rect x="${x}" y="${y}" width="${barWidth - 2}" height="${h}" fill="${
            COLOURS[i % COLOURS.length]
          }"/>` +
          `<text x="${x + barWidth / 2}" y="${y - 3}" text-anchor="middle" font-size="10">${round(
            value,
          )}</text>`
        );
      }),
    ];
  });
  const legend = series.map(
    (s, i) =>
      `<rect x="${MARGIN.left + i * 110}" y="${HEIGHT - 18}" width="10" height="10" fill="${
        COLOURS[i % COLOURS.length]
      }"/><text x="${MARGIN.left + i * 110 + 14}" y="${HEIGHT - 9}">${escape(s.name)}</text>`,
  );
  return frame(title, yAxis(max, unit) + bars.join('') + legend.join(''));
}

/** Lines over x values on a log scale (group sizes from 10 to 10,000, say). */
export function logLineChart(
  title: string,
  unit: string,
  xs: number[],
  series: { name: string; values: number[] }[],
): string {
  const max = niceMax(Math.max(...series.flatMap((s) => s.values)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const [lo, hi] = [Math.log10(xs[0]!), Math.log10(xs.at(-1)!)];
  const px = (x: number) => MARGIN.left + ((Math.log10(x) - lo) / (hi - lo || 1)) * plotWidth;
  const py = (y: number) => MARGIN.top + plotHeight * (1 - y / max);
  const xLabels = xs.map(
    (x) => `<text x="${px(x)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${x}</text>`,
  );
  const lines = series.map((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = xs.map((x, j) => `${px(x)},${py(s.values[j] ?? 0)}`).join(' ');
    const dots = xs.map(
      (x, j) =>
        `<circle cx="${px(x)}" cy="${py(s.values[j] ?? 0)}" r="3" fill="${colour}"/>` +
        `<text x="${px(x)}" y="${py(s.values[j] ?? 0) - 6}" text-anchor="middle" ` +
        `font-size="10">${round(s.values[j] ?? 0)}</text>`,
    );
    return `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"/>${dots.join('')}`;
  });
  const legend = series.map(
    (s, i) =>
      `<rect x="${MARGIN.left + i * 160}" y="${HEIGHT - 18}" width="10" height="10" fill="${
        COLOURS[i % COLOURS.length]
      }"/><text x="${MARGIN.left + i * 160 + 14}" y="${HEIGHT - 9}">${escape(s.name)}</text>`,
  );
  return frame(title, yAxis(max, unit) + xLabels.join('') + lines.join('') + legend.join(''));
}
