export default {
  bell: 'Notices',
  bellUnread: 'Notices, {n} unread',
  title: 'Notices',
  unread: 'Unread',
  unreadCount: '{n} unread',
  readAll: 'Mark all read',
  empty: 'No notices',
  offline: 'Offline',
  offlineHint: 'The live notice connection is down; reconnecting…',
}
