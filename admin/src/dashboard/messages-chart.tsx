import { Box, Typography } from '@mui/material';

export interface DayCount {
  day: string;
  count: number;
}

const HEIGHT = 160;
const BAR = 28;
const GAP = 10;

/** A plain bar chart of messages per day; labels are text nodes, like everything here. */
export function MessagesChart({ days }: { days: DayCount[] }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const width = days.length * (BAR + GAP);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <svg
        width={width}
        height={HEIGHT + 40}
        role="img"
        aria-label="Messages per day"
        data-testid="messages-chart"
      >
        {days.map((d, i) => {
          const h = Math.round((d.count / max) * HEIGHT);
          const x = i * (BAR + GAP);
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.count}`}</title>
              <rect x={x} y={HEIGHT - h + 14} width={BAR} height={h} rx={3} fill="#1976d2" />
              <text x={x + BAR / 2} y={HEIGHT - h + 10} fontSize={11} textAnchor="middle">
                {d.count}
              </text>
              <text x={x + BAR / 2} y={HEIGHT + 32} fontSize={10} textAnchor="middle">
                {d.day.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      {days.length === 0 && <Typography variant="body2">No data</Typography>}
    </Box>
  );
}
