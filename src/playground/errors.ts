/**
 * playground `errors` — k8s.io/apimachinery/pkg/api/errors as learner code sees it: predicates over the
 * ApiError a clientset call rejects with (`errors.isNotFound(e)`, …).
 */
export {
  isNotFound, isAlreadyExists, isConflict, isResourceExpired, isTooManyRequests, isBadRequest, isInvalid,
  ApiError,
} from "../apimachinery/errors.js";
export type { Status } from "../apimachinery/errors.js";
