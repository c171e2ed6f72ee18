// The unit board's controls in one compact row at 1366×768: callsign search, agency, ward, status (with counts) and sort.
import { UnitStatus } from '@hcm112/shared';
import { useId } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { AGENCIES, UNIT_SORTS, type UnitFilter } from './unit-board-view.ts';

export function UnitBoardFilters({
  filter,
  onChange,
  counts,
  total,
  shown,
  wards,
}: {
  filter: UnitFilter;
  onChange: (f: UnitFilter) => void;
  counts: Partial<Record<UnitStatus, number>>;
  total: number;
  shown: number;
  wards: readonly string[];
}) {
  const t = useT();
  const id = useId();
  const set = <K extends keyof UnitFilter>(key: K, value: UnitFilter[K]) =>
    onChange({ ...filter, [key]: value });
  return (
    <div className="unit-filters">
      <input
        type="search"
        className="unit-search"
        placeholder={t('unitBoard.search')}
        aria-label={t('unitBoard.search')}
        value={filter.callsign}
        onChange={(e) => set('callsign', e.target.value)}
      />
      <label className="unit-filter" htmlFor={`${id}-agency`}>
        <span className="sr-only">{t('unitBoard.agency')}</span>
        <select
          id={`${id}-agency`}
          aria-label={t('unitBoard.agency')}
          value={filter.agency}
          onChange={(e) => set('agency', e.target.value as UnitFilter['agency'])}
        >
          <option value="all">{t('unitBoard.allAgencies')}</option>
          {AGENCIES.map((a) => (
            <option key={a} value={a}>
              {t(`unitBoard.agency.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="unit-filter" htmlFor={`${id}-ward`}>
        <span className="sr-only">{t('unitBoard.ward')}</span>
        <select
          id={`${id}-ward`}
          aria-label={t('unitBoard.ward')}
          value={filter.ward}
          onChange={(e) => set('ward', e.target.value)}
        >
          <option value="all">{t('unitBoard.allWards')}</option>
          {wards.map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
      </label>
      <label className="unit-filter" htmlFor={`${id}-sort`}>
        <span className="sr-only">{t('unitBoard.sort')}</span>
        <select
          id={`${id}-sort`}
          aria-label={t('unitBoard.sort')}
          value={filter.sort}
          onChange={(e) => set('sort', e.target.value as UnitFilter['sort'])}
        >
          {UNIT_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`unitBoard.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="unit-filter" htmlFor={`${id}-status`}>
        <span className="sr-only">{t('units.status')}</span>
        <select
          id={`${id}-status`}
          aria-label={t('units.status')}
          value={filter.status}
          onChange={(e) => set('status', e.target.value as UnitFilter['status'])}
        >
          <option value="all">
            {t('units.filterAll')} ({shown === total ? total : `${shown}/${total}`})
          </option>
          {UnitStatus.options.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)} ({counts[s] ?? 0})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
