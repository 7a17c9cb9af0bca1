extension LocationStore: NotificationLocationLookup {
  /// What the notification checks need to know about a live location.
  package func notificationLocation(id: String) -> NotificationLocationFacts? {
    guard let summary = summary(id: id) else { return nil }
    return NotificationLocationFacts(
      typeCode: summary.typeCode, partOf: "Location/" + (summary.partOfID ?? "0"), name: summary.name,
      jurisdiction: summary.jurisdictionType)
  }
}
