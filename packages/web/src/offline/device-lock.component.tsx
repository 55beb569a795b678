import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useUser } from '../auth/user-context';
import { isUnlocked, onDeviceChange, resumeWithSession } from './device-session';
import { DeviceStore } from './device-store';
import { UnlockScreen } from './unlock-screen.component';
import { useSyncStatus } from './sync-status';

/**
 * When this user's device store is locked and the page was reloaded online, the key the server keeps for this
 * session opens it (decision 0017). When that cannot be (an idle lock, offline) and the store is needed (the
 * server cannot be reached, or changes made on the device wait to be sent), a password box above the screen opens
 * it again. Online with nothing waiting, the app keeps working with the server, and a one-line notice says the
 * copy is locked and no longer kept up to date, so she can open it before she goes where there is no signal.
 * What was read from the device leaves the screen when it locks.
 */
export function DeviceLock() {
  const user = useUser();
  const queryClient = useQueryClient();
  const [locked, setLocked] = useState(false);
  const [waiting, setWaiting] = useState(0);
  const [asked, setAsked] = useState(false);
  const { t } = useTranslation('offline');
  const offline = useSyncStatus().connection === 'offline';

  useEffect(() => {
    let current = true;
    const check = async () => {
      const row = isUnlocked() ? null : await DeviceStore.peek();
      // Online with this session, the server's key opens it: no password, and it syncs at once.
      if (row?.userId === user.id && row.sessionKey && (await resumeWithSession(user))) return;
      const held = row?.userId === user.id ? await DeviceStore.waitingWhileLocked() : 0;
      if (!current) return;
      setLocked(row?.userId === user.id);
      setWaiting(held);
    };
    void check();
    const stop = onDeviceChange(() => {
      if (!isUnlocked() && !navigator.onLine) queryClient.removeQueries({ queryKey: ['cases'] });
      void check();
    });
    const onOnline = () => void check();
    window.addEventListener('online', onOnline);
    return () => {
      current = false;
      stop();
      window.removeEventListener('online', onOnline);
    };
  }, [user, queryClient]);

  if (!locked) return null;
  if (!offline && waiting === 0 && !asked) {
    return (
      <p className="offline-notice" role="status" data-testid="device-locked-notice">
        {t('offline:unlock.lockedNotice')}{' '}
        <button type="button" className="button button--quiet" onClick={() => setAsked(true)}>
          {t('offline:unlock.submit')}
        </button>
      </p>
    );
  }
  const unlocked = () => {
    setLocked(false);
    setAsked(false);
  };
  return <UnlockScreen reason="locked" onUnlocked={unlocked} />;
}
