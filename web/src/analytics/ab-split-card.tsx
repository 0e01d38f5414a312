import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import type { AbSplitResult } from '@cadenza/core';
import { percent, verdictOf } from './significance';

const SEVERITY = { winner: 'success', loser: 'warning', inconclusive: 'info', unavailable: 'info' } as const;

/** One A/B split: each variant's conversion rate as a bar, then the test of each against the control. */
export function AbSplitCard({ split, alpha }: { split: AbSplitResult; alpha: number }) {
  const maxRate = Math.max(0.0001, ...split.variants.map((variant) => variant.rate));
  return (
    <Card variant="outlined" data-testid={`ab-split-${split.nodeId}`}>
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          {split.label ?? split.nodeId}
        </Typography>
        <Stack spacing={0.75} sx={{ mb: 1.5 }}>
          {split.variants.map((variant, i) => (
            <Stack key={variant.handle} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body2" sx={{ width: 90 }}>
                {variant.handle}
                {i === 0 ? ' (control)' : ''}
              </Typography>
              <Box sx={{ flex: 1, bgcolor: 'grey.100', height: 14, borderRadius: 1 }}>
                <Box
                  role="meter"
                  aria-label={`${variant.handle} conversion rate`}
                  aria-valuenow={Math.round(variant.rate * 1000) / 10}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  sx={{
                    width: `${(variant.rate / maxRate) * 100}%`,
                    height: '100%',
                    bgcolor: i === 0 ? 'grey.500' : 'primary.main',
                    borderRadius: 1,
                  }}
                />
              </Box>
              <Typography variant="body2" sx={{ width: 150, textAlign: 'right' }}>
                {percent(variant.rate)} · {variant.conversions}/{variant.entered}
              </Typography>
            </Stack>
          ))}
        </Stack>
        {split.comparisons.map((comparison) => {
          const verdict = verdictOf(comparison, alpha);
          return (
            <Alert key={comparison.handle} severity={SEVERITY[verdict.tone]} sx={{ py: 0 }}>
              {verdict.text}
            </Alert>
          );
        })}
      </CardContent>
    </Card>
  );
}
