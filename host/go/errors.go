package licensewarden

import "strings"

// Error is every rejection the core or this host reports: the stable Code
// (the same string in every host), a message that says what to do, and the
// details behind it. Its Go type is generated from the WIT's license-error.
func (e *Error) Error() string { return e.Message }

// Detail returns the named detail (feature, plan, registered, ...) or "".
func (e *Error) Detail(key string) string {
	for _, d := range e.Details {
		if d.Key == key {
			return d.Value
		}
	}
	return ""
}

// Class is the error's class name, the one every host uses for this code
// (FeatureNotLicensedError, LicenseExpiredError, ...).
func (e *Error) Class() Class {
	if c, ok := classByCode[e.Code]; ok {
		return c
	}
	return ErrLicenseInvalid
}

// Is matches a Class (errors.Is(err, licensewarden.ErrLicenseExpired), or
// ErrLicense for any license failure) or another *Error with the same Code.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case Class:
		return t == ErrLicense || t == e.Class()
	case *Error:
		return t.Code == e.Code
	}
	return false
}

// Class names a group of codes, as the other hosts' error classes do. Use
// the constants with errors.Is.
type Class string

func (c Class) Error() string { return string(c) }

// The error classes, named as in the JavaScript and Python hosts.
const (
	// ErrLicense matches every license failure (the base class).
	ErrLicense Class = "LicenseError"
	// ErrLicenseInvalid: the key was rejected (malformed, bad signature, unknown key id, ...).
	ErrLicenseInvalid Class = "LicenseInvalidError"
	// ErrLicenseExpired: the license has expired.
	ErrLicenseExpired Class = "LicenseExpiredError"
	// ErrLicenseNotYetValid: the license is not valid yet.
	ErrLicenseNotYetValid Class = "LicenseNotYetValidError"
	// ErrLicenseNotFound: no license key was found, or the server does not know it.
	ErrLicenseNotFound Class = "LicenseNotFoundError"
	// ErrFeatureNotLicensed: a feature is not part of the license; Detail("feature") and Detail("plan") name them.
	ErrFeatureNotLicensed Class = "FeatureNotLicensedError"
	// ErrCapExceeded: usage is over a cap.
	ErrCapExceeded Class = "CapExceededError"
	// ErrInvalidConfig: the vendor's keys or policy were rejected.
	ErrInvalidConfig Class = "InvalidConfigError"
	// ErrInternal: the core could not be run; requests fail closed.
	ErrInternal Class = "InternalError"
	// ErrLicenseRevoked: the license server says the license was revoked.
	ErrLicenseRevoked Class = "LicenseRevokedError"
	// ErrLicenseSuspended: the license server says the vendor suspended the license for now.
	ErrLicenseSuspended Class = "LicenseSuspendedError"
	// ErrDeviceLimitExceeded: the server refused this device; Detail("registered") and Detail("max").
	ErrDeviceLimitExceeded Class = "DeviceLimitExceededError"
	// ErrOnlineValidation: an online check did not succeed (offline, clock, grace, tampered state, refused answer).
	ErrOnlineValidation Class = "OnlineValidationError"
)

var classByCode = map[Code]Class{
	CodeOffline:             ErrOnlineValidation,
	CodeBadResponse:         ErrOnlineValidation,
	CodeClockSkew:           ErrOnlineValidation,
	CodeClockRollback:       ErrOnlineValidation,
	CodeGraceExpired:        ErrOnlineValidation,
	CodeNotValidated:        ErrOnlineValidation,
	CodeStateTampered:       ErrOnlineValidation,
	CodeStateNotSaved:       ErrOnlineValidation,
	CodeActivationExpired:   ErrOnlineValidation,
	CodeLicenseNotFound:     ErrLicenseNotFound,
	CodeRevoked:             ErrLicenseRevoked,
	CodeSuspended:           ErrLicenseSuspended,
	CodeDeviceLimitExceeded: ErrDeviceLimitExceeded,
	CodeExpired:             ErrLicenseExpired,
	CodeNotYetValid:         ErrLicenseNotYetValid,
	CodeNoLicense:           ErrLicenseNotFound,
	CodeFeatureNotLicensed:  ErrFeatureNotLicensed,
	CodeCapExceeded:         ErrCapExceeded,
	CodeInvalidConfig:       ErrInvalidConfig,
	CodeInternal:            ErrInternal,
}

func internalError(what string, err error) *Error {
	return &Error{
		Code:    CodeInternal,
		Message: "the licensewarden core could not be run (" + what + ": " + strings.TrimSpace(err.Error()) + "); this is a bug: please report it",
	}
}

func configError(message string) *Error {
	return &Error{Code: CodeInvalidConfig, Message: message}
}
