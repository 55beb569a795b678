import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecuritySettings } from '@homeward/core';
import { useSaveSecuritySettings, useSecuritySettings } from '../api/users.resource';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type Message } from '../forms/messages';

/** The organisation's rule: administrators and government officers must use a second factor. */
export function SecuritySettingsCard() {
  const settings = useSecuritySettings();
  if (!settings.data) return null;
  return <SecuritySettingsForm settings={settings.data} />;
}

function SecuritySettingsForm({ settings }: { settings: SecuritySettings }) {
  const { t } = useTranslation();
  const save = useSaveSecuritySettings();
  const [general, setGeneral] = useState<Message | null>(null);
  return (
    <div className="card security-settings">
      <FormAlert message={general} />
      <label className="choice choice--standalone">
        <input
          type="checkbox"
          checked={settings.requireTwoFactor}
          disabled={save.isPending}
          onChange={(event) =>
            save.mutate(
              { requireTwoFactor: event.target.checked },
              { onSuccess: () => setGeneral(null), onError: (error) => setGeneral(requestErrorMessage(error)) },
            )
          }
          data-testid="require-two-factor"
        />
        <span>{t('users:users.requireTwoFactor')}</span>
      </label>
      <p className="field__hint">{t('users:users.requireTwoFactorHint')}</p>
    </div>
  );
}
