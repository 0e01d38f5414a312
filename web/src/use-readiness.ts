import { useEffect, useState } from 'react';
import { ReadinessReportSchema, type ReadinessReport } from '@cadenza/core';

const POLL_MS = 5000;

/** Polls /ready; the report says which of Temporal, PostgreSQL and Redis are up. */
export function useReadiness(): { report?: ReadinessReport; error?: string } {
  const [state, setState] = useState<{ report?: ReadinessReport; error?: string }>({});
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const response = await fetch('/ready');
        const report = ReadinessReportSchema.parse(await response.json());
        if (!cancelled) setState({ report });
      } catch (error) {
        if (!cancelled)
          setState({ error: `The API did not answer: ${error instanceof Error ? error.message : error}` });
      }
    };
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);
  return state;
}
