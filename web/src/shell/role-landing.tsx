import { Navigate } from 'react-router-dom';
import { useMeQuery } from '../api/cadenza-api';
import { LANDING_PAGE } from './landing-page';

/** Sends the signed-in person to their role's landing page (the shell renders this only once signed in). */
export function RoleLanding() {
  const me = useMeQuery();
  return me.data ? <Navigate to={LANDING_PAGE[me.data.role]} replace /> : null;
}
