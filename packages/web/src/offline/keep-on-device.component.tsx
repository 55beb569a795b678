import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { offlineMarkSchema } from '@homeward/core';
import { noContent, request } from '../api/http';
import { currentDeviceStore, onDeviceChange, syncNow } from './device-session';

/**
 * "Keep on this device": marks a case for the offline caseload beyond the assigned ones (within what the
 * user may read; the server decides). The next sync brings it, or forgets it when unmarked.
 */
export function KeepOnDevice({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [store, setStore] = useState(currentDeviceStore);
  const [kept, setKept] = useState<boolean | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => onDeviceChange(() => setStore(currentDeviceStore())), []);
  useEffect(() => {
    void store?.readMarks().then((marks) => setKept(marks.includes(caseId)));
  }, [store, caseId]);

  if (!store || kept === null) return null;

  const change = (offline: boolean) => {
    setFailed(false);
    const body = offlineMarkSchema.parse({ caseId, offline });
    request('/offline-marks', noContent, { method: 'PUT', body })
      .then(async () => {
        await store.saveMark(caseId, offline);
        setKept(offline);
        await syncNow();
      })
      .catch(() => setFailed(true));
  };

  return (
    <div className="offline-keep" data-testid="keep-on-device">
      <input
        id="keep-on-device"
        type="checkbox"
        checked={kept}
        onChange={(event) => change(event.target.checked)}
        aria-describedby="keep-on-device-hint"
      />
      <div>
        <label htmlFor="keep-on-device">{t('offline:keep.label')}</label>
        <p id="keep-on-device-hint" className="field__hint">
          {t('offline:keep.hint')}
        </p>
        {failed ? (
          <p className="field__error" role="alert">
            {t('offline:keep.failed')}
          </p>
        ) : null}
      </div>
    </div>
  );
}
