import type { ReactNode } from 'react';
import { useFormText } from './form-text';

/** Empty ruled lines, where a missing answer is written by hand. */
export function Lines({ count = 1 }: { count?: number }) {
  return (
    <span className="mosvy-lines" aria-hidden="true">
      {Array.from({ length: count }, (_, index) => (
        <span key={index} className="mosvy-lines__line" />
      ))}
    </span>
  );
}

function isEmpty(value: ReactNode): boolean {
  return value === null || value === undefined || value === false || value === '';
}

/** "Label: value" on a dotted line, like a paper form; without a value the line is left blank to fill in. */
export function Field({ label, children, grow = true }: { label: string; children?: ReactNode; grow?: boolean }) {
  const { t } = useFormText();
  const empty = isEmpty(children);
  return (
    <span className={`mosvy-field${grow ? ' mosvy-field--grow' : ''}`}>
      <span className="mosvy-field__label">{label}</span>
      <span className={`mosvy-field__value${empty ? ' mosvy-field__value--blank' : ''}`}>
        {/* A no-break space gives an empty line the same height and baseline as a filled one. */}
        {empty ? (
          <>
            {'\u00a0'}
            <span className="visually-hidden">{t('doc.blank')}</span>
          </>
        ) : (
          children
        )}
      </span>
    </span>
  );
}

/** A row of fields side by side. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className="mosvy-row">{children}</div>;
}

/** A tick box, ticked or left empty to tick by hand. */
export function Check({ checked, children }: { checked: boolean; children: ReactNode }) {
  const { t } = useFormText();
  return (
    <span className={`mosvy-check${checked ? ' mosvy-check--on' : ''}`}>
      <span className="mosvy-check__box" aria-hidden="true" />
      {checked ? <span className="visually-hidden">{t('doc.ticked')} </span> : null}
      <span className="mosvy-check__label">{children}</span>
    </span>
  );
}

export interface CheckItem {
  key: string;
  label: ReactNode;
  checked: boolean;
}

/** A list of tick boxes in columns, as the paper forms lay out their code lists. */
export function CheckGroup({ label, items, columns = 2 }: { label?: string; items: CheckItem[]; columns?: 1 | 2 | 3 }) {
  return (
    <div className="mosvy-checks">
      {label ? <p className="mosvy-checks__label">{label}</p> : null}
      <ul className={`mosvy-checks__list mosvy-checks__list--${columns}`}>
        {items.map((item) => (
          <li key={item.key}>
            <Check checked={item.checked}>{item.label}</Check>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A numbered part of the form (I, II, III…) with its banner heading. */
export function Section({ number, title, children }: { number?: string; title: string; children: ReactNode }) {
  return (
    <section className="mosvy-section">
      <h3 className="mosvy-section__title">
        {number ? <span className="mosvy-section__number">{number}.</span> : null}
        {title}
      </h3>
      <div className="mosvy-section__body">{children}</div>
    </section>
  );
}

/** A sub-heading inside a section. */
export function SubTitle({ children }: { children: ReactNode }) {
  return <h4 className="mosvy-subtitle">{children}</h4>;
}

/** Free text from the records, or ruled lines to write on when there is none. */
export function TextBlock({ label, text, lines = 3 }: { label?: string; text?: string | null; lines?: number }) {
  return (
    <div className="mosvy-text">
      {label ? <p className="mosvy-text__label">{label}</p> : null}
      {text ? <p className="mosvy-text__body">{text}</p> : <Lines count={lines} />}
    </div>
  );
}

/** A code written one digit per box, as on the paper forms; empty boxes when it is not known. */
export function DigitBoxes({ digits, length, label }: { digits: string | null; length: number; label: string }) {
  const { t } = useFormText();
  const cells = Array.from({ length }, (_, index) => digits?.[index] ?? '');
  return (
    <span
      className="mosvy-digits"
      role="img"
      aria-label={digits ? `${label}: ${digits}` : `${label}: ${t('doc.blank')}`}
    >
      {cells.map((digit, index) => (
        <span key={index} className="mosvy-digits__cell" aria-hidden="true">
          {digit}
        </span>
      ))}
    </span>
  );
}

export interface ScoreRow {
  key: string;
  label: string;
  score?: number | undefined;
  comment?: string | undefined;
  /** A heading row above this one (the CSI's six groups). */
  group?: string | undefined;
}

/** Items scored 1 (weak) to 4 (very good): the chosen score ticked, a comment, and the total. */
export function ScoreTable({
  caption,
  itemHeading,
  rows,
  withComments = true,
}: {
  caption: string;
  itemHeading: string;
  rows: ScoreRow[];
  withComments?: boolean;
}) {
  const { t, num } = useFormText();
  const scored = rows.filter((row) => row.score !== undefined);
  const total = scored.reduce((sum, row) => sum + (row.score ?? 0), 0);
  const columns = withComments ? 6 : 5;
  return (
    <table className={`mosvy-table mosvy-scores${withComments ? '' : ' mosvy-scores--compact'}`}>
      <caption className="visually-hidden">{caption}</caption>
      <colgroup>
        <col className="mosvy-scores__item" />
        {[1, 2, 3, 4].map((score) => (
          <col key={score} className="mosvy-scores__score" />
        ))}
        {withComments ? <col /> : null}
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{itemHeading}</th>
          {[1, 2, 3, 4].map((score) => (
            <th key={score} scope="col" className="mosvy-scores__head">
              <span className="mosvy-scores__digit">{num(score)}</span>
              <span className="mosvy-scores__word">{t(`doc.scale.${score}`)}</span>
            </th>
          ))}
          {withComments ? <th scope="col">{t('doc.comment')}</th> : null}
        </tr>
      </thead>
      {segments(rows).map((segment) => (
        <tbody key={segment[0]?.key} className="mosvy-scores__segment">
          {segment.map((row) => (
            <ScoreTableRow key={row.key} row={row} columns={columns} withComments={withComments} />
          ))}
        </tbody>
      ))}
      <tfoot>
        <tr>
          <th scope="row">{t('doc.total')}</th>
          <td colSpan={columns - 1} className="mosvy-scores__total">
            {scored.length > 0
              ? t('doc.totalValue', { total: num(total), max: num(rows.length * 4), count: num(scored.length) })
              : null}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** Rows cut where a group begins, so that a group stays on one page with its heading. */
function segments(rows: ScoreRow[]): ScoreRow[][] {
  const result: ScoreRow[][] = [];
  for (const row of rows) {
    const current = result[result.length - 1];
    if (!current || row.group) result.push([row]);
    else current.push(row);
  }
  return result;
}

function ScoreTableRow({ row, columns, withComments }: { row: ScoreRow; columns: number; withComments: boolean }) {
  const { t, num } = useFormText();
  return (
    <>
      {row.group ? (
        <tr className="mosvy-scores__group">
          <th scope="rowgroup" colSpan={columns}>
            {row.group}
          </th>
        </tr>
      ) : null}
      <tr>
        <th scope="row">{row.label}</th>
        {[1, 2, 3, 4].map((score) => (
          <td key={score} className="mosvy-scores__cell">
            {row.score === score ? (
              <>
                <span className="mosvy-tick" aria-hidden="true" />
                <span className="visually-hidden">{t('doc.scoreValue', { score: num(score) })}</span>
              </>
            ) : null}
          </td>
        ))}
        {withComments ? <td className="mosvy-scores__comment">{row.comment}</td> : null}
      </tr>
    </>
  );
}

export interface Signer {
  role: string;
  name?: string | null | undefined;
  /** "Signature or thumbprint" for a child or a carer, rather than "Signature". */
  thumbprint?: boolean;
}

/** Boxes for each person who signs: name, signature, date. */
export function Signatures({ signers }: { signers: Signer[] }) {
  const { t } = useFormText();
  return (
    <section
      className={`mosvy-signatures mosvy-signatures--${signers.length === 3 ? 3 : 2}`}
      aria-label={t('doc.signatures')}
    >
      {signers.map((signer) => (
        <div key={signer.role} className="mosvy-signature">
          <p className="mosvy-signature__role">{signer.role}</p>
          <p className="mosvy-signature__space">
            {signer.thumbprint ? t('doc.signatureOrThumbprint') : t('doc.signature')}
          </p>
          <Field label={t('doc.name')}>{signer.name}</Field>
          <Field label={t('doc.date')} />
        </div>
      ))}
    </section>
  );
}
