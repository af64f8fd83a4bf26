export { isWithinWorkingHours, nextWorkingStart } from './working-hours.js';
export {
  throttleDecision,
  DEFAULT_LIMITS,
  type ContactMethodKind,
  type ThrottleDecision,
  type ThrottleLimit,
} from './throttle.js';
export {
  bundle,
  bundleKey,
  renderBundleText,
  listBundle,
  DEFAULT_BUNDLE_MAX_ITEMS,
  DEFAULT_BUNDLE_WINDOW_SECONDS,
  type Bundle,
  type BundleListing,
  type BundleOptions,
  type BundleResult,
  type PendingNotification,
  type Urgency,
} from './bundling.js';
