import { Suspense, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PLACE_LEVELS, childrenOf, findPlace, formatPlace, placeName, placePath, searchPlaces } from '@homeward/core';
import type { Place, PlaceLevel, PlaceMatch } from '@homeward/core';
import { LoadingState } from '../layout/states.component';
import { useGazetteer } from './use-gazetteer';

export interface LocationPickerProps {
  /** The chosen village's 8-digit code, or null. */
  value: string | null;
  onChange: (villageCode: string | null) => void;
  /** Given to the search box, so an outer <label htmlFor> names the picker. */
  id?: string;
  required?: boolean;
}

// One letter matches thousands of villages; two is where results start to mean something.
const MIN_QUERY_LENGTH = 2;
const MAX_RESULTS = 12;

/**
 * Chooses a village two ways that stay in step: a search box (combobox) that understands Khmer and Latin
 * spellings, and four lists from province down to village for people who prefer to browse. The first picker
 * shown loads the village list; only the picker waits for it, not the form around it.
 */
export function LocationPicker(props: LocationPickerProps) {
  return (
    <Suspense fallback={<LoadingState />}>
      <PlacePicker {...props} />
    </Suspense>
  );
}

function PlacePicker({ value, onChange, id, required }: LocationPickerProps) {
  useGazetteer();
  const { t, i18n } = useTranslation('locations');
  const lang = (i18n.resolvedLanguage ?? i18n.language).startsWith('km') ? 'km' : 'en';
  const generatedId = useId();
  const baseId = id ?? `location-picker-${generatedId}`;
  const listboxId = `${baseId}-listbox`;
  const optionId = (index: number) => `${baseId}-option-${index}`;

  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // The deepest list chosen while no village is, so someone can pick a province, then a district, and so on.
  const [anchor, setAnchor] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const selectRefs = useRef<Partial<Record<PlaceLevel, HTMLSelectElement | null>>>({});
  // A list can only take focus once the render that enables it has happened.
  const pendingFocus = useRef<PlaceLevel | null>(null);

  // Searching 16,000 names is quick but not free; typing must never wait for it.
  const deferredQuery = useDeferredValue(query);
  const searching = deferredQuery.trim().length >= MIN_QUERY_LENGTH;
  const matches = useMemo(
    () => (searching ? searchPlaces(deferredQuery, { limit: MAX_RESULTS }) : []),
    [deferredQuery, searching],
  );
  const expanded = open && matches.length > 0;

  const chosen = value === null ? undefined : findPlace(value);
  const cascade = placePath(value ?? anchor ?? '');
  const collator = useMemo(() => new Intl.Collator(lang), [lang]);

  // aria-activedescendant moves no real focus, so the browser will not scroll the option into view by itself.
  useEffect(() => {
    if (expanded && active >= 0) {
      document.getElementById(`${baseId}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }, [active, expanded, baseId]);

  useEffect(() => {
    if (pendingFocus.current) selectRefs.current[pendingFocus.current]?.focus();
    pendingFocus.current = null;
  });

  function closeList() {
    setOpen(false);
    setActive(-1);
  }

  function choose({ place }: PlaceMatch) {
    setQuery('');
    closeList();
    if (place.level === 'village') {
      setAnchor(place.parentCode);
      onChange(place.code);
      return;
    }
    // A province, district or commune narrows the lists; the village is then picked from the next list down.
    setAnchor(place.code);
    if (value !== null) onChange(null);
    pendingFocus.current = PLACE_LEVELS[PLACE_LEVELS.indexOf(place.level) + 1] ?? null;
  }

  function chooseFromList(level: PlaceLevel, code: string) {
    const index = PLACE_LEVELS.indexOf(level);
    if (level === 'village' && code) {
      setAnchor(code.slice(0, -2));
      onChange(code);
      return;
    }
    setAnchor(code || (cascade[index - 1]?.code ?? null));
    if (value !== null) onChange(null);
  }

  function clear() {
    setAnchor(null);
    onChange(null);
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Khmer is often typed through an input method; its Enter confirms a syllable, not a result.
    if (event.nativeEvent.isComposing) return;
    const count = matches.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive((i) => (count === 0 ? -1 : !expanded ? 0 : (i + 1) % count));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        setActive((i) => (count === 0 ? -1 : i <= 0 || !expanded ? count - 1 : i - 1));
        break;
      case 'Enter': {
        const match = expanded ? matches[active] : undefined;
        if (match) {
          // Otherwise Enter would also submit the surrounding form.
          event.preventDefault();
          choose(match);
        }
        break;
      }
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          closeList();
        } else if (query) {
          event.preventDefault();
          setQuery('');
        }
        break;
      default:
        break;
    }
  }

  const status =
    !open || !searching
      ? ''
      : matches.length === 0
        ? t('search.noResults', { query: deferredQuery.trim() })
        : t('search.results', { n: matches.length });

  return (
    <div className="location-picker">
      <div className="location-picker__selected" aria-live="polite">
        {value === null ? (
          <p className="location-picker__selected-none">
            {anchor ? t('selected.chooseVillage', { place: formatPlace(anchor, lang) }) : t('selected.none')}
          </p>
        ) : (
          <p className="location-picker__selected-value">
            {chosen ? (
              <>
                <span className="location-picker__selected-label">{t('selected.label')}</span>{' '}
                <strong className="location-picker__selected-path">{formatPlace(chosen.code, lang)}</strong>
              </>
            ) : (
              t('selected.unknown', { code: value })
            )}{' '}
            <button type="button" className="location-picker__clear" onClick={clear}>
              {t('selected.clear')}
            </button>
          </p>
        )}
      </div>

      <div className="location-picker__search">
        <label htmlFor={baseId} className="location-picker__label">
          {t('search.label')}
        </label>
        <p id={`${baseId}-hint`} className="location-picker__hint">
          {t('search.hint')}
        </p>
        <input
          ref={inputRef}
          id={baseId}
          className="location-picker__input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${baseId}-hint`}
          aria-required={required || undefined}
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={closeList}
        />
        <ul
          id={listboxId}
          role="listbox"
          aria-label={t('search.listLabel')}
          className="location-picker__listbox"
          hidden={!expanded}
        >
          {matches.map((match, index) => (
            <li
              key={match.place.code}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={
                index === active ? 'location-picker__option location-picker__option--active' : 'location-picker__option'
              }
              // Keeps focus in the search box, which would otherwise close the list before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setActive(index)}
              onClick={() => choose(match)}
            >
              <span className="location-picker__option-name">{placeName(match.place, lang)}</span>{' '}
              <span className="location-picker__option-level">{t(`levels.${match.place.level}`)}</span>{' '}
              <span className="location-picker__option-path">
                {match.path
                  .slice(0, -1)
                  .reverse()
                  .map((place) => placeName(place, lang))
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
        <p className="location-picker__status" role="status">
          {status}
        </p>
      </div>

      <fieldset className="location-picker__browse">
        <legend className="location-picker__legend">{t('browse.legend')}</legend>
        {PLACE_LEVELS.map((level, index) => {
          const parentCode = index === 0 ? null : cascade[index - 1]?.code;
          const options = parentCode === undefined ? [] : listOptions(childrenOf(parentCode), lang, collator);
          const selectId = `${baseId}-${level}`;
          return (
            <div key={level} className={`location-picker__level location-picker__level--${level}`}>
              <label htmlFor={selectId} className="location-picker__label">
                {t(`levels.${level}`)}
              </label>
              <select
                id={selectId}
                ref={(element) => {
                  selectRefs.current[level] = element;
                }}
                className="location-picker__select"
                value={cascade[index]?.code ?? ''}
                disabled={parentCode === undefined}
                required={level === 'village' ? required : undefined}
                onChange={(event) => chooseFromList(level, event.target.value)}
              >
                <option value="">{t('browse.choose')}</option>
                {options.map(({ code, label }) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** Siblings sorted by name in the reader's script; a few share a name, so those also show their code. */
function listOptions(places: Place[], lang: 'en' | 'km', collator: Intl.Collator): { code: string; label: string }[] {
  const names = places.map((place) => placeName(place, lang));
  return places
    .map((place, i) => {
      const name = names[i] ?? '';
      const shared = names.indexOf(name) !== names.lastIndexOf(name);
      return { code: place.code, name, label: shared ? `${name} (${place.code})` : name };
    })
    .sort((a, b) => collator.compare(a.name, b.name) || (a.code < b.code ? -1 : 1));
}
