export default {
  bell: '通知',
  bellUnread: '通知，{n} 条未读',
  title: '通知',
  unread: '未读',
  unreadCount: '{n} 条未读',
  readAll: '全部已读',
  empty: '暂无通知',
  offline: '离线',
  offlineHint: '实时通知连接已断开，正在重新连接…',
}
