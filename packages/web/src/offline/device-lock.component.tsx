import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useUser } from '../auth/user-context';
import { isUnlocked, onDeviceChange } from './device-session';
import { DeviceStore } from './device-store';
import { UnlockScreen } from './unlock-screen.component';

/**
 * When this user's device store is locked (idle minutes, or the page was reloaded), a password box above the
 * screen opens it again; the app itself keeps working with the server meanwhile. What was read from the device
 * leaves the screen when it locks.
 */
export function DeviceLock() {
  const user = useUser();
  const queryClient = useQueryClient();
  const [locked, setLocked] = useState(false);

  useEffect(() => {
    let current = true;
    const check = async () => {
      const row = isUnlocked() ? null : await DeviceStore.peek();
      if (current) setLocked(row?.userId === user.id);
    };
    void check();
    const stop = onDeviceChange(() => {
      if (!isUnlocked() && !navigator.onLine) queryClient.removeQueries({ queryKey: ['cases'] });
      void check();
    });
    return () => {
      current = false;
      stop();
    };
  }, [user.id, queryClient]);

  if (!locked) return null;
  return <UnlockScreen reason="locked" onUnlocked={() => setLocked(false)} />;
}
