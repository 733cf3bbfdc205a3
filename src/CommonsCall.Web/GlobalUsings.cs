// The shared kernel every feature speaks: results and error codes, calls and their phases, who may do what in a
// call (Access) and who is acting (Accounts). Imported once here; the database (Data, EF Core) is imported by the
// files that use it, so that pages never see it without saying so.
global using CommonsCall.Domain.Common;
global using CommonsCall.Domain.Calls;
global using CommonsCall.Web.Features.Access;
global using CommonsCall.Web.Features.Accounts;
