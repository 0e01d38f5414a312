import { Box, Card, CardContent, LinearProgress, Typography } from '@mui/material';
import type { ContactScore } from '@cadenza/core';
import { formatDateTime } from '../format/plain-format';

/** The lead score, with the AI's reason for its latest scoring when a flow scored the contact. */
export function ContactScoreCard({ score }: { score: ContactScore | undefined }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6">AI score</Typography>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, my: 1 }}>
          <Typography variant="h4" component="span" data-testid="contact-score">
            {score?.score ?? '—'}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={score?.score ?? 0}
            sx={{ flex: 1, height: 8, borderRadius: 4 }}
          />
        </Box>
        <Typography variant="body2" data-testid="score-explanation">
          {score?.explanation ?? 'No AI scoring yet: a flow with a “score lead” step explains its score here.'}
        </Typography>
        {score?.scoredAt && (
          <Typography variant="caption" color="text.secondary">
            Scored {formatDateTime(score.scoredAt)}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
