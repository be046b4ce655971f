// Dates are shown in the viewer's own zone, with the zone named: the tests run in one that
// is not UTC, so that a date formatted in UTC by mistake shows.
export default function globalSetup() {
  process.env.TZ = 'America/New_York';
}
