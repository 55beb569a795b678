import { useEffect, useRef, useState } from 'react';
import type { PRINTABLE_FORMS } from '@homeward/core';
import type { Message } from '../forms/messages';
import { recordPrint } from './records.resource';

type PrintableForm = (typeof PRINTABLE_FORMS)[number];

/**
 * Every print of a case leaves a line in the audit log. The print button records first and opens the print
 * dialog only once the server has it; a print started from the browser's menu (Ctrl+P) is recorded as it starts.
 */
export function usePrintRecording(caseId: string, form: PrintableForm, alias: boolean) {
  const [printing, setPrinting] = useState(false);
  const [printError, setPrintError] = useState<Message | null>(null);
  const recordedByButton = useRef(false);

  useEffect(() => {
    const onBeforePrint = () => {
      if (recordedByButton.current) return;
      recordPrint(caseId, { form, alias }).catch(() => setPrintError({ key: 'records:print.failed' }));
    };
    window.addEventListener('beforeprint', onBeforePrint);
    return () => window.removeEventListener('beforeprint', onBeforePrint);
  }, [caseId, form, alias]);

  const printRecorded = async () => {
    setPrinting(true);
    setPrintError(null);
    try {
      await recordPrint(caseId, { form, alias });
      recordedByButton.current = true;
      window.print();
    } catch {
      setPrintError({ key: 'records:print.failed' });
    } finally {
      recordedByButton.current = false;
      setPrinting(false);
    }
  };
  return { printing, printError, printRecorded };
}
