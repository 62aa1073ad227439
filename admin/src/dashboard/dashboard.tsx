import { Alert, Box, Card, CardContent, CardHeader, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useTranslate } from 'react-admin';

import { api } from '../providers/http';
import { MessagesChart } from './messages-chart';
import type { DayCount } from './messages-chart';
import { StatCard } from './stat-card';

interface DashboardData {
  messagesPerDay: DayCount[];
  activeUsers: number;
  onlineNow: number;
  users: number;
  conversations: number;
  pendingFlags: number;
  queues: { name: string; waiting: number; active: number; delayed: number; failed: number }[];
}

/** Refreshed every half minute while open, so "online now" stays roughly current. */
const REFRESH_MS = 30_000;

export function Dashboard() {
  const translate = useTranslate();
  const { data, error } = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => api<{ data: DashboardData }>('/dashboard').then((answer) => answer.data),
    refetchInterval: REFRESH_MS,
  });
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!data) return <Loading />;

  const stats = [
    ['onlineNow', data.onlineNow],
    ['activeUsers', data.activeUsers],
    ['users', data.users],
    ['conversations', data.conversations],
    ['pendingFlags', data.pendingFlags],
  ] as const;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, mt: 2 }}>
      <Title title={translate('confab.dashboard.title')} />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
        {stats.map(([key, value]) => (
          <StatCard
            key={key}
            label={translate(`confab.dashboard.${key}`)}
            value={value}
            testId={key}
          />
        ))}
      </Box>
      <Card>
        <CardHeader title={translate('confab.dashboard.messagesPerDay')} />
        <CardContent>
          <MessagesChart days={data.messagesPerDay} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader title={translate('confab.dashboard.queues')} />
        <CardContent>
          {data.queues.map((queue) => (
            <Typography key={queue.name} variant="body2" data-testid={`queue-${queue.name}`}>
              {translate('confab.dashboard.queueLine', { ...queue })}
            </Typography>
          ))}
        </CardContent>
      </Card>
    </Box>
  );
}
