/** The stream of one alert's resolution. */
export function duplicateAlertStreamName(alertId: string): string {
  return `duplicate-alert-${alertId}`;
}
