import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { setCsrfToken } from '../api/http';
import { currentUserKey, setupStatusKey } from '../api/query-keys';
import { RequestErrorState, LoadingState } from '../layout/states.component';
import { setOrganisationTimeZone } from '../text/dates';
import { DeviceStore } from './device-store';
import { UnlockScreen } from './unlock-screen.component';

interface OfflineGateProps {
  error: unknown;
  onRetry: () => void;
}

/**
 * Shown instead of "the server cannot be reached" when this browser keeps a device store: the password opens
 * it, and the app carries on with the user it holds, reading and writing on the device until the server answers.
 */
export function OfflineGate({ error, onRetry }: OfflineGateProps) {
  const queryClient = useQueryClient();
  const [held, setHeld] = useState<boolean | null>(null);
  useEffect(() => {
    void DeviceStore.peek().then(
      (row) => setHeld(row !== null),
      () => setHeld(false),
    );
  }, []);

  if (held === null) return <LoadingState />;
  if (!held) return <RequestErrorState error={error} onRetry={onRetry} />;
  return (
    <UnlockScreen
      reason="offline"
      onRetry={onRetry}
      onUnlocked={(user) => {
        // The session cookie may still be good when the server answers again; its token goes with it.
        setCsrfToken(user.csrfToken);
        setOrganisationTimeZone(user.timeZone);
        queryClient.setQueryData(currentUserKey, user);
        queryClient.setQueryData(setupStatusKey, { needsSetup: false });
      }}
    />
  );
}
