import type { ReactElement } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, type Access } from '@homeward/core';
import { NotificationsNavLink } from '../notifications/notifications-nav-link.component';
import { useUnreadNotifications } from '../notifications/notifications.resource';
import { TransfersNavLink } from '../transfers/transfers-nav-link.component';
import { useIncomingTransferCount } from '../transfers/transfers.resource';
import { IncomingNavLink } from '../referrals/incoming-nav-link.component';
import { useIncomingCount } from '../referrals/referrals.resource';
import { NavGroup } from './nav-group.component';

/** A group of one is its link alone: a menu that opens onto a single entry only adds a click. */
function GroupOrLink(props: Omit<Parameters<typeof NavGroup>[0], 'children'> & { links: ReactElement[] }) {
  const { links, ...group } = props;
  if (links.length === 0) return null;
  if (links.length === 1) return links[0];
  return <NavGroup {...group}>{links}</NavGroup>;
}

/** What passes between organisations (and what waits for the user), with the sum of what waits there. */
export function PartnersNavGroup({ access }: { access: Access }) {
  const { t } = useTranslation();
  const takesTransfers = can(access, 'case.transfer');
  const takesReferrals = can(access, 'case.write');
  const { data: unread = 0 } = useUnreadNotifications();
  const { data: transfers } = useIncomingTransferCount(takesTransfers);
  const { data: referrals } = useIncomingCount(takesReferrals);
  const count =
    unread + (takesTransfers ? (transfers?.count ?? 0) : 0) + (takesReferrals ? (referrals?.waiting ?? 0) : 0);
  const links = [<NotificationsNavLink key="waiting" />];
  if (takesReferrals) links.push(<IncomingNavLink key="referrals" />);
  if (takesTransfers) links.push(<TransfersNavLink key="transfers" />);
  if (can(access, 'handover.manage') || can(access, 'handover.approve')) {
    links.push(
      <NavLink key="handover" to="/handover" end className="app-nav__link">
        {t('handover:nav')}
      </NavLink>,
    );
  }
  if (can(access, 'handover.receive')) {
    links.push(
      <NavLink key="handover-in" to="/handover/incoming" className="app-nav__link">
        {t('handover:incoming.nav')}
      </NavLink>,
    );
  }
  return (
    <GroupOrLink
      label={t('oversight:nav.partners')}
      count={count}
      countLabel={t('oversight:nav.partnersCount', { count })}
      paths={['/waiting', '/referrals', '/transfers', '/handover']}
      testId="nav-partners"
      links={links}
    />
  );
}

/** The organisation's administration: its users, settings, roles, installation and audit log. */
export function AdminNavGroup({ access }: { access: Access }) {
  const { t } = useTranslation();
  const links: ReactElement[] = [];
  const link = (to: string, label: string, end = false) =>
    links.push(
      <NavLink key={to} to={to} end={end} className="app-nav__link">
        {label}
      </NavLink>,
    );
  if (can(access, 'user.manage')) link('/users', t('account:nav.users'));
  if (can(access, 'device.manage')) link('/devices', t('oversight:nav.devices'));
  if (can(access, 'user.manage')) link('/settings', t('oversight:nav.settings'), true);
  if (can(access, 'policy.manage')) link('/settings/roles', t('oversight:nav.roles'));
  if (can(access, 'installation.manage')) link('/settings/installation', t('bundles:nav'));
  if (can(access, 'audit.read')) link('/audit', t('records:audit.nav'));
  return (
    <GroupOrLink
      label={t('oversight:nav.admin')}
      paths={['/users', '/devices', '/settings', '/audit']}
      testId="nav-admin"
      links={links}
    />
  );
}
