#pragma once
// The databases a reading command searches as one: each a local database
// folder (common/local_database.hpp) or a remote one named explicitly as
// `tcp:HOST:PORT`, served by xapian-tcpsrv. Xapian merges their statistics
// (Database::add_database), so a search over the set ranks as one database
// holding every post would. Program remotes (`remote :PROGRAM` in a stub)
// stay refused: only a `tcp:` spec opens a connection, and it says so.

#include <xapian.h>

#include "common/error.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace idx {

// One entry of a set: a folder, or a host and port.
struct DatabaseSpec {
    std::string path;  // the folder; empty for a remote database
    std::string host;  // empty for a local database
    unsigned port = 0;

    bool remote() const { return !host.empty(); }
    // As the user wrote it: the folder, or `tcp:HOST:PORT`.
    std::string name() const;
    bool operator==(const DatabaseSpec&) const = default;
};

// The connect timeout when none is configured.
inline constexpr unsigned kDefaultConnectTimeoutMs = 2000;

struct DatabaseSet {
    std::vector<DatabaseSpec> members;
    unsigned connect_timeout_ms = kDefaultConnectTimeoutMs;
    // A searcher answers from the members it can reach and says which it
    // left out (open_live_members), rather than failing the request.
    bool allow_partial = false;

    bool has_remote() const;
    // One local database: the only set a custom Xapian::MatchSpy may watch
    // (it sees each member's own docids, and a remote member refuses it) and
    // that has a revision.
    bool single_local() const { return members.size() == 1 && !has_remote(); }
    // The set's members as written, one string: "db" or "a, tcp:h:1".
    std::string name() const;
};

// `tcp:HOST:PORT` (HOST a name, an IPv4 address or a bracketed IPv6 one) is
// a remote database; anything else is a folder. Throws idx::Error (usage)
// for a `tcp:` spec without a host or a port from 1 to 65535, and for an
// empty spec.
DatabaseSpec parse_database_spec(std::string_view text);

// A set of one local folder.
DatabaseSet single_database(const std::string& path);

// A member that could not be read or reached (ExitCode::io): the error
// names it, and `member` says which it was.
class MemberUnavailable : public Error {
public:
    MemberUnavailable(const std::string& message, DatabaseSpec member)
        : Error(message, ExitCode::io), m_member(std::move(member)) {}
    const DatabaseSpec& member() const noexcept { return m_member; }

private:
    DatabaseSpec m_member;
};

// Opens every member and adds it to one Database. Local members open as
// open_for_reading() does; a remote member is given `connect_timeout_ms` to
// answer. Throws idx::Error naming the member: ExitCode::usage when a local
// folder holds no index, MemberUnavailable (ExitCode::io) when a member
// cannot be read or reached.
Xapian::Database open_database_set(const DatabaseSet& set);

// What open_live_members() opened, and the members it left out.
struct LiveMembers {
    Xapian::Database db;
    std::vector<DatabaseSpec> missing;  // in the set's order; empty: the whole set
    // The live members again, sharing db's connections and files: each local
    // one alone, in the set's order, and the remote ones as one (no member
    // when there are none). A search counts facets member by member where a
    // custom MatchSpy may watch (query/search.cpp).
    std::vector<Xapian::Database> local;
    Xapian::Database remote;
    bool any_remote = false;
};

// open_database_set(), except that with `set.allow_partial` a member that
// cannot be read or reached is left out and listed in `missing`. Each
// member is tried once, within the connect timeout; when none answers, the
// first one's MemberUnavailable is thrown.
LiveMembers open_live_members(const DatabaseSet& set);

// Whether any of `members` (those open_live_members() left out) can be
// opened now: each tried once, within the connect timeout. Cheaper than
// opening the whole set again to find out (a refused connection fails at once).
bool any_member_back(const std::vector<DatabaseSpec>& members, unsigned connect_timeout_ms);

}  // namespace idx
