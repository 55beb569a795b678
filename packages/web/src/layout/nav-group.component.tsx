import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useNarrowScreen } from './use-narrow-screen';

interface NavGroupProps {
  label: string;
  /** The sum of what waits behind the group's links; nothing shows at 0. */
  count?: number;
  /** Read out with the count, since the badge itself is hidden from screen readers. */
  countLabel?: string;
  /** The group's pages start with one of these, so the group shows as current on them. */
  paths: readonly string[];
  testId: string;
  children: ReactNode;
}

/**
 * Several navigation entries behind one button on a laptop, so the header keeps to two rows; in the phone's
 * menu, where there is room downwards, the same links show under the group's name with nothing to open.
 */
export function NavGroup({ label, count = 0, countLabel, paths, testId, children }: NavGroupProps) {
  const narrow = useNarrowScreen();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const groupRef = useRef<HTMLDivElement>(null);
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    // A click anywhere else closes the panel, as a menu does.
    const closeOutside = (event: PointerEvent) => {
      if (!groupRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);
  const current = paths.some((path) => pathname === path || pathname.startsWith(`${path}/`));

  const badge =
    count > 0 ? (
      <>
        <span className="nav-badge" aria-hidden="true" data-testid={`${testId}-count`}>
          {count}
        </span>
        {countLabel ? <span className="visually-hidden">{countLabel}</span> : null}
      </>
    ) : null;

  if (narrow) {
    return (
      <div className="nav-group nav-group--flat" role="group" aria-labelledby={`${panelId}-label`} data-testid={testId}>
        <span className="nav-group__label" id={`${panelId}-label`}>
          {label}
        </span>
        <div className="nav-group__links">{children}</div>
      </div>
    );
  }

  return (
    <div
      className="nav-group"
      ref={groupRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
      onBlur={(event) => {
        // Tabbing past the last link closes the panel, so it never hides the page behind it unasked.
        if (!groupRef.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={
          current ? 'app-nav__link nav-group__button nav-group__button--current' : 'app-nav__link nav-group__button'
        }
        aria-expanded={open}
        aria-controls={panelId}
        data-testid={testId}
        onClick={() => setOpen((was) => !was)}
      >
        {label}
        {badge}
        <svg
          viewBox="0 0 24 24"
          width="16"
          height="16"
          aria-hidden="true"
          focusable="false"
          className="nav-group__caret"
        >
          <path fill="currentColor" d="M7 10l5 5 5-5H7Z" />
        </svg>
      </button>
      <div id={panelId} className="nav-group__panel" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
