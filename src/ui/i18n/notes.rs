//! The simulation's typed notes on the page, in its language. English is each note's
//! `Display` (what the host tests and the servers' error bodies use); Korean is written
//! here, one exhaustive `match` per type, so a note without Korean does not compile.
//! Nothing here parses text: every variable part (a sid, a server, a user, a duration)
//! arrives as data and is placed by a Korean template, numbers attached to their units
//! (`70,000원`, `3개`) and particles to the words they follow (`jeju로`, `sid가`,
//! see [`super::josa`]).
//!
//! Parser messages (serde_json, base64) stay out of the Korean page: a reason that
//! carries one is explained in Korean without it.
//!
//! The page reaches this module only through the engine's table
//! ([`crate::ui::engine::Engine::say`]), so its code travels in the engine's module.

use super::josa::{with, Josa};
use super::Lang;
use crate::sim::attacker::{Credential, Loot, Replay, Source};
use crate::sim::auth::csrf::CsrfRefusal;
use crate::sim::auth::oidc::IdTokenError;
use crate::sim::auth::pkce::PkceError;
use crate::sim::browser::Initiator;
use crate::sim::cookie_jar::{NotSent, ParseError, Rejected, StoreOutcome, MAX_NAME_VALUE_BYTES};
use crate::sim::hop::{abbreviate, server_letter};
use crate::sim::idp::{AuthorizeError, GrantError};
use crate::sim::note::{
    Anonymous, AttackerNote, BrowserNote, Home, IdpNote, LogLine, MoveError, Note, OidcNote, RouteNote, Routing,
    Sending, SessionNote, SiteNote, Then, TokenNote, Who,
};
use crate::sim::refresh::RefreshError;
use crate::sim::session::Miss;
use crate::sim::token::{
    short, Part, Rejection, TamperError, Unreadable, HS256_SIGNATURE_BYTES, IAT_LEEWAY_SECS, MAX_TOKEN_BYTES,
};
use crate::ui::format::group;

/// Something the simulation said, as the page shows it.
#[derive(Clone, Copy, Debug)]
pub enum Said<'a> {
    /// A note (hop, browser, error body, attacker's attempt).
    Note(&'a Note),
    /// A server's log line.
    Log(&'a LogLine),
    /// A stolen item of the attacker's loot.
    Loot(&'a Loot),
    /// A stolen credential, without where it came from.
    Credential(&'a Credential),
    /// The outcome of the attacker's last replay.
    Replay(&'a Replay),
    /// Why the JWT inspector's token is refused.
    Rejection(&'a Rejection),
    /// Why the JWT inspector cannot show a part as JSON.
    Unreadable(&'a Unreadable),
    /// Why the tamper editor could not change the token.
    Tamper(&'a TamperError),
}

/// `said` in `lang`.
pub fn say(lang: Lang, said: Said<'_>) -> String {
    match lang {
        Lang::En => match said {
            Said::Note(n) => n.to_string(),
            Said::Log(l) => l.to_string(),
            Said::Loot(l) => format!("[{}] {}", source_en(l.source), l.credential),
            Said::Credential(c) => c.to_string(),
            Said::Replay(r) => replay_en(r),
            Said::Rejection(r) => r.to_string(),
            Said::Unreadable(u) => u.to_string(),
            Said::Tamper(t) => t.to_string(),
        },
        Lang::Ko => match said {
            Said::Note(n) => note(n),
            Said::Log(l) => log(l),
            Said::Loot(l) => format!("[{}] {}", source_ko(l.source), credential(&l.credential)),
            Said::Credential(c) => credential(c),
            Said::Replay(r) => replay_ko(r),
            Said::Rejection(r) => rejection(r),
            Said::Unreadable(u) => unreadable(u),
            Said::Tamper(t) => tamper(t),
        },
    }
}

/// A note in `lang` (shorthand for [`say`] with [`Said::Note`]).
pub fn render(lang: Lang, n: &Note) -> String {
    say(lang, Said::Note(n))
}

/// Why a cookie stayed home, in `lang` (the stage's chip of a withheld cookie).
pub fn not_sent_in(lang: Lang, n: &NotSent) -> String {
    match lang {
        Lang::En => n.to_string(),
        Lang::Ko => not_sent(n),
    }
}

/// A stolen credential in `lang`, without where it came from (the stage's loot chips).
pub fn credential_in(lang: Lang, c: &Credential) -> String {
    match lang {
        Lang::En => c.to_string(),
        Lang::Ko => credential(c),
    }
}

fn source_en(s: Source) -> &'static str {
    match s {
        Source::Xss => "XSS",
        Source::Sniff => "sniff",
        Source::Malware => "malware",
        Source::Extension => "extension",
    }
}

fn source_ko(s: Source) -> &'static str {
    match s {
        Source::Xss => "XSS",
        Source::Sniff => "도청",
        Source::Malware => "악성 프로그램",
        Source::Extension => "확장 프로그램",
    }
}

fn replay_en(r: &Replay) -> String {
    let outcome = r.outcome.as_ref().map(ToString::to_string).unwrap_or_default();
    let used = match &r.used {
        Some(c) => c.to_string(),
        None => "nothing stolen: no credential".into(),
    };
    format!("{} — {outcome} ({used})", r.status)
}

fn replay_ko(r: &Replay) -> String {
    let outcome = r.outcome.as_ref().map(note).unwrap_or_default();
    let used = match &r.used {
        Some(c) => format!("보낸 자격 증명: {}", credential(c)),
        None => "훔친 자격 증명 없이 보냈어요".into(),
    };
    format!("{} — {outcome} ({used})", r.status)
}

// ---------------------------------------------------------------------------
// Korean
// ---------------------------------------------------------------------------

/// A note in Korean.
pub fn note(n: &Note) -> String {
    match n {
        Note::Browser(b) => browser(b),
        Note::Route(r) => route(r),
        Note::Site(s) => site(s),
        Note::Session(s) => session(s),
        Note::Token(t) => token(t),
        Note::Attacker(a) => attacker(a),
        Note::Tour(m) => tour(m),
        Note::Oidc(o) => oidc(o),
        Note::Idp(i) => idp(i),
    }
}

fn log(l: &LogLine) -> String {
    match l {
        LogLine::Handled { method, path, status, note: n } => format!("{method} {path} → {status} ({})", note(n)),
        LogLine::Event(n) => note(n),
    }
}

fn list(items: &[impl AsRef<str>]) -> String {
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", ")
}

fn browser(b: &BrowserNote) -> String {
    match b {
        BrowserNote::Sent(s) => sending(s),
        BrowserNote::CookieStored { name, outcome } => format!("쿠키 {name}: {}", store_outcome(*outcome)),
        BrowserNote::CookieRejected { name, why } if name.is_empty() => {
            format!("쿠키를 받지 않았어요: {}", rejected(why))
        }
        BrowserNote::CookieRejected { name, why } => format!("쿠키 {name}: 받지 않았어요. {}", rejected(why)),
        BrowserNote::TokenSaved => "페이지 스크립트가 access_token을 localStorage에 저장했어요".into(),
        BrowserNote::TokenRemoved => "페이지 스크립트가 localStorage에서 access_token을 지웠어요".into(),
        BrowserNote::HeaderRefused { name } => {
            format!("HTTP가 허용하지 않는 문자가 있어서 브라우저가 {name} 헤더를 보내지 않았어요")
        }
        BrowserNote::HeaderNameInvalid { name } => format!("헤더 이름이 올바르지 않아서 뺐어요: {:?}", name.as_str()),
        BrowserNote::HeaderForbidden { name } => {
            format!("{name} 헤더는 페이지 스크립트가 정할 수 없는 헤더라서 브라우저가 뺐어요")
        }
        BrowserNote::CsrfTokenKept => "페이지 스크립트가 다음 POST에 쓸 X-CSRF-Token을 챙겼어요".into(),
        BrowserNote::TokenInMemory => {
            "페이지 스크립트가 access_token을 변수에 두었어요. localStorage에는 없고, 새로고침하면 사라져요".into()
        }
        BrowserNote::Reloaded => "페이지를 새로고침했어요. 스크립트가 메모리에 들고 있던 값은 사라졌어요".into(),
        BrowserNote::RedirectStopped => {
            "확장 프로그램이 /callback으로 가는 리다이렉트를 멈추고 인가 코드를 가져갔어요".into()
        }
    }
}

fn sending(s: &Sending) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !s.cookies.is_empty() {
        parts.push(format!("브라우저가 쿠키를 붙였어요: {}", list(&s.cookies)));
    }
    for (name, why) in &s.withheld {
        parts.push(format!("{} 보내지 않았어요: {}", with(name, Josa::EunNeun), not_sent(why)));
    }
    match s.from {
        Initiator::EvilPage => parts.push(
            "evil.example에서 시작된 요청이라 사이트의 페이지 스크립트가 돌지 않아요. Bearer 토큰도 없어요".into(),
        ),
        Initiator::EvilLink => {
            parts.push("evil.example의 링크예요. 다른 사이트에서 시작된 최상위 GET 이동이에요".into())
        }
        Initiator::InjectedScript => parts
            .push("심어진 스크립트가 보낸 요청이에요. 쿠키는 브라우저가 붙이고, 스크립트는 그 값을 보지 못해요".into()),
        Initiator::Navigation { cross_site: true } => {
            parts.push("다른 사이트에서 시작되었거나 다른 사이트를 거쳐 온 최상위 이동이에요".into())
        }
        Initiator::Navigation { cross_site: false } | Initiator::Site => {}
    }
    if s.bearer {
        parts.push("페이지 스크립트가 localStorage의 토큰으로 Authorization 헤더를 붙였어요".into());
    }
    if parts.is_empty() {
        parts.push("자격 증명을 붙이지 않았어요".into());
    }
    parts.join("; ")
}

fn route(r: &RouteNote) -> String {
    match *r {
        RouteNote::Routed { how, server } => {
            let s = server_letter(server);
            match how {
                Routing::RoundRobin => format!("라운드 로빈 → {s}"),
                Routing::Random => format!("무작위 → {s}"),
                Routing::Sticky => format!("스티키 쿠키 lb={s} → {s}"),
                Routing::StickyNew => format!("스티키 쿠키가 없어서 라운드 로빈 → {s}, 이제부터 {s}에 고정해요"),
            }
        }
        RouteNote::Pinned { server } => format!("로드밸런서가 이 클라이언트를 {}에 고정해요", server_letter(server)),
    }
}

fn home(h: Home) -> String {
    match h {
        Home::Server(i) => format!("서버 {}", server_letter(i)),
        Home::Shared => "공유 저장소".into(),
    }
}

fn anonymous(a: &Anonymous) -> String {
    match a {
        Anonymous::Stateless => "상태 없음 모드라 요청 어디에도 누구인지 적혀 있지 않아요".into(),
        Anonymous::NoSessionCookie => "세션 쿠키가 없어요".into(),
        Anonymous::SessionMiss { sid, miss: m, server } => {
            format!("서버 {}에서 sid {sid}: {}", server_letter(*server), miss(*m))
        }
        Anonymous::NoAuthorization => "Authorization 헤더가 없어요".into(),
        Anonymous::NoTokenCookie => "access 토큰 쿠키가 없어요".into(),
        Anonymous::NotBearer => "Authorization 헤더가 Bearer 토큰이 아니에요".into(),
        Anonymous::TokenRejected { server, why } => {
            format!("서버 {}에서 토큰을 거부했어요: {}", server_letter(*server), rejection(why))
        }
        Anonymous::NoSuchServer => "없는 서버예요".into(),
    }
}

fn who(w: &Who) -> String {
    match w {
        Who::Nobody(a) => anonymous(a),
        Who::Session { sid, home: h, user } => {
            let user = if user.is_empty() { "익명" } else { user.as_str() };
            format!("{}에서 sid {sid} 세션을 찾았어요 → {user}", home(*h))
        }
        Who::Token { sub } => format!("토큰 검증 통과 (HS256 서명, alg, exp, iat) → {sub}"),
    }
}

fn site(s: &SiteNote) -> String {
    match s {
        SiteNote::Checked { who: w, then: Then::Served } => who(w),
        SiteNote::Checked { who: w, then: Then::Unauthorized } => format!("{} → 401", who(w)),
        SiteNote::Checked { who: w, then: Then::Forbidden { role } } => format!("{}; 역할 {role} → 403", who(w)),
        SiteNote::NotLoggedIn(a) => format!("로그인하지 않았어요: {}", anonymous(a)),
        SiteNote::SessionWithoutUser => "로그인하지 않았어요: 이 세션에는 사용자가 없어요".into(),
        SiteNote::AdminsOnly { user, role } => {
            format!("관리자만 볼 수 있어요. {user}의 역할은 {}", with(role, Josa::IeyoYeyo))
        }
        SiteNote::HeadersTooLarge { size, limit } => {
            format!("요청 헤더가 {}바이트라서 한도({}바이트)를 넘었어요", group(*size as u64), group(*limit as u64))
        }
        SiteNote::BodyTooLarge { size, limit } => {
            format!("본문이 {}바이트라서 한도({}바이트)를 넘었어요", group(*size as u64), group(*limit as u64))
        }
        SiteNote::NoSuchPage => "그런 페이지는 없어요".into(),
        SiteNote::NoRoute { path } => format!("{path}에 맞는 경로가 없어요"),
        SiteNote::MethodNotAllowed => "허용되지 않는 메서드예요".into(),
        SiteNote::MethodNotAllowedOn { method, path } => format!("{path}에서는 {method} 메서드를 쓸 수 없어요"),
        SiteNote::BadBody { .. } => "요청 본문을 JSON으로 읽을 수 없어요".into(),
        SiteNote::UnknownDestination => "모르는 목적지예요. to=jeju, busan, tokyo 중에서 골라 주세요".into(),
        SiteNote::Quoted { to, fare } => {
            format!("{to} 요금은 {}원이에요. 서버는 아무것도 기억하지 않아요", group(u64::from(*fare)))
        }
        SiteNote::QuoteKept { to, sid, new: true } => format!("새 세션 {sid}에 {to} 견적을 담았어요"),
        SiteNote::QuoteKept { to, sid, new: false } => format!("세션 {sid}에 {to} 견적을 담았어요"),
        SiteNote::BadCount => "count는 1에서 9 사이여야 해요".into(),
        SiteNote::QuoteFromSession { sid } => format!("세션 {sid}에서 견적을 찾았어요"),
        SiteNote::QuoteInRequest => "요청 자체에 항공편이 적혀 있어요".into(),
        SiteNote::WhichFlight => {
            "어느 항공편인가요? 이 요청에는 적혀 있지 않고, 앞서 받은 견적과 이어 줄 것도 없어요".into()
        }
        SiteNote::NoQuote => "이 요청을 견적과 이어 줄 상태가 없어요 → 400".into(),
        SiteNote::LoginFailed(_) => "아이디 또는 비밀번호가 틀렸어요".into(),
        SiteNote::PasswordMismatch => "비밀번호 해시가 맞지 않아요 → 401".into(),
        SiteNote::LoggedInStateless { user } => {
            format!("{user}의 비밀번호가 맞아요. 하지만 이 로그인을 기억하는 곳은 없어요")
        }
        SiteNote::NothingToForget => "잊을 것이 없어요".into(),
        SiteNote::LoggedInAs { user } => format!("{} 로그인된 상태예요", with(user, Josa::EuroRo)),
        SiteNote::CsrfRefused(why) => format!("{} → 403", csrf_refusal(why)),
        SiteNote::Transferred { from, to, miles, left } => format!(
            "{from}의 마일리지 {} {to}에게 보냈어요. {from}에게는 {} 남았어요",
            with(&miles_text(*miles), Josa::EulReul),
            miles_text(*left)
        ),
        SiteNote::NotEnoughMiles { have } => format!("마일리지가 모자라요. 지금 {} 있어요", miles_text(*have)),
        SiteNote::BadTransfer => "받는 사람(영문자와 숫자)과 마일리지(1~100,000)를 적어야 해요".into(),
    }
}

/// `10,000마일`.
fn miles_text(n: u32) -> String {
    format!("{}마일", group(u64::from(n)))
}

fn csrf_refusal(r: &CsrfRefusal) -> String {
    match r {
        CsrfRefusal::NoToken => "CSRF 방어: X-CSRF-Token 헤더가 없어요".into(),
        CsrfRefusal::WrongToken => "CSRF 방어: X-CSRF-Token이 이 로그인의 토큰이 아니에요".into(),
        CsrfRefusal::NoOrigin => "CSRF 방어: Origin 헤더가 없어요".into(),
        CsrfRefusal::ForeignOrigin { origin } => {
            format!("CSRF 방어: {}에서 시작된 요청이에요", origin.as_str())
        }
    }
}

fn miss(m: Miss) -> &'static str {
    match m {
        Miss::Unknown => "그런 세션이 없어요",
        Miss::IdleExpired => "15분 동안 요청이 없어서 세션이 만료됐어요",
        Miss::AbsoluteExpired => "최대 8시간이 지나서 세션이 만료됐어요",
    }
}

fn session(s: &SessionNote) -> String {
    match s {
        SessionNote::Created { sid, user } => {
            format!("비밀번호가 맞아요. {user}의 세션 {} 만들었어요", with(sid.as_str(), Josa::EulReul))
        }
        SessionNote::Deleted { sid } => format!("세션 {} 지웠어요", with(sid.as_str(), Josa::EulReul)),
        SessionNote::AlreadyGone { sid } => format!("세션 {} 이미 없어요", with(sid.as_str(), Josa::EunNeun)),
        SessionNote::NoCookie => "세션 쿠키가 없어요".into(),
        SessionNote::Revoked { sid } => format!("관리자가 세션 {} 폐기했어요", with(sid.as_str(), Josa::EulReul)),
        SessionNote::NotFound { sid } => format!("세션 {} 찾지 못했어요", with(sid.as_str(), Josa::EulReul)),
        SessionNote::Restarted { lost } => {
            format!("재시작했어요. 메모리에 있던 세션 {}개가 사라졌어요", group(*lost as u64))
        }
        SessionNote::Lookup => "세션을 조회하고 만료 시각을 뒤로 미뤄요".into(),
        SessionNote::Found => "세션을 찾았어요".into(),
        SessionNote::Missed(m) => miss(*m).into(),
        SessionNote::Store => "세션을 저장해요".into(),
        SessionNote::ReplicateWrite => "쓰기를 다른 서버에 복제해요".into(),
        SessionNote::Delete => "세션을 지워요".into(),
        SessionNote::ReplicateDelete => "삭제를 다른 서버에 복제해요".into(),
    }
}

fn refresh_error(e: RefreshError) -> &'static str {
    match e {
        RefreshError::Missing => "refresh 토큰 쿠키가 없어요",
        RefreshError::Unknown => "모르는 refresh 토큰이에요",
        RefreshError::Expired => "refresh 토큰이 만료됐어요",
        RefreshError::Reused => {
            "refresh 토큰 재사용을 감지해서 이 로그인의 refresh 토큰을 모두 폐기했어요. 이미 발급된 access 토큰은 exp까지 유효해요"
        }
        RefreshError::FamilyRevoked => "폐기된 refresh 토큰이에요. 재사용 감지나 로그아웃으로 패밀리가 폐기됐어요",
    }
}

fn token(t: &TokenNote) -> String {
    match t {
        TokenNote::Signed { jti, user } => {
            format!("비밀번호가 맞아요. {user}의 JWT {jti}에 서명하고 refresh 토큰을 저장했어요")
        }
        TokenNote::SignedInCookie { jti, user } => {
            format!("비밀번호가 맞아요. {user}의 JWT {jti}에 서명해 HttpOnly 쿠키 at에 담고, refresh 토큰을 저장했어요")
        }
        TokenNote::SignFailed { .. } => "토큰에 서명하지 못했어요".into(),
        TokenNote::FamiliesRevoked { families, denylisted } => {
            let n = group(*families as u64);
            match denylisted {
                Some(jti) => format!("refresh 토큰 패밀리 {n}개를 폐기하고, jti {jti}도 거부 목록에 올렸어요"),
                None => format!("refresh 토큰 패밀리 {n}개를 폐기했어요. access 토큰은 exp까지 그대로 유효해요"),
            }
        }
        TokenNote::NothingToRevoke => "유효한 토큰이 없어서 폐기할 것이 없어요".into(),
        TokenNote::NotTokenMode => "refresh 토큰은 토큰 모드에만 있어요".into(),
        TokenNote::RefreshFailed(e) => refresh_error(*e).into(),
        TokenNote::Rotated { jti } => format!("refresh 토큰을 교체하고 새 JWT {jti}에 서명했어요"),
        TokenNote::KeyRotated { kid, graceful: true } => {
            format!("서명 키를 교체했어요 → {kid}. 이전 키로 서명된 토큰도 계속 받아요")
        }
        TokenNote::KeyRotated { kid, graceful: false } => {
            format!("서명 키를 교체했어요 → {kid}. 이전 키로 서명된 토큰은 이제 거부해요")
        }
    }
}

fn credential(c: &Credential) -> String {
    match c {
        Credential::Cookie { name, value } => format!("쿠키 {name}={}", abbreviate(value)),
        Credential::Bearer(t) => format!("Bearer 토큰 {}", abbreviate(t)),
        Credential::Code(c) => format!("인가 코드 {}", abbreviate(c)),
        Credential::Stored { key, value } => format!("localStorage의 {key} = {}", abbreviate(value)),
    }
}

fn credentials(cs: &[Credential]) -> String {
    cs.iter().map(credential).collect::<Vec<_>>().join(", ")
}

fn attacker(a: &AttackerNote) -> String {
    match a {
        AttackerNote::ScriptRead { got, hidden } => {
            let mut out = if got.is_empty() {
                "스크립트가 읽어 낸 게 없어요".to_string()
            } else {
                format!("스크립트가 읽어 낸 것: {}", credentials(got))
            };
            if !hidden.is_empty() {
                out.push_str(&format!("; HttpOnly라서 {}에는 손대지 못했어요", list(hidden)));
            }
            out
        }
        AttackerNote::ScriptSent { status, cookies } if cookies.is_empty() => {
            format!("심어진 스크립트가 사용자 대신 요청을 보내 {} 받았어요", with(&status.to_string(), Josa::EulReul))
        }
        AttackerNote::ScriptSent { status, cookies } => format!(
            "심어진 스크립트가 사용자 대신 요청을 보내 {} 받았어요. 브라우저가 붙인 쿠키({})를 스크립트는 보지 못했어요",
            with(&status.to_string(), Josa::EulReul),
            list(cookies)
        ),
        AttackerNote::SniffTls => "https라서 도청자에게는 암호화된 바이트와 호스트 이름만 보여요".into(),
        AttackerNote::NoTraffic => "아직 엿볼 트래픽이 없어요".into(),
        AttackerNote::Sniffed { got } if got.is_empty() => {
            "평문 http라 요청을 통째로 읽었지만 자격 증명은 없었어요".into()
        }
        AttackerNote::Sniffed { got } => format!("평문 http라 그대로 읽혔어요: {}", credentials(got)),
        AttackerNote::CookieCopied(c) => format!(
            "악성 프로그램이 브라우저 프로필의 쿠키 파일에서 복사해 갔어요: {}. HttpOnly로는 막지 못해요",
            credential(c)
        ),
        AttackerNote::NoCookieToCopy { name } => format!("복사할 {name} 쿠키가 없어요"),
        AttackerNote::Replaying(Some(c)) => format!("재전송에 쓴 자격 증명: {}", credential(c)),
        AttackerNote::Replaying(None) => "훔친 자격 증명 없이 재전송해요".into(),
        AttackerNote::CodeTaken { code, stopped: true } => {
            format!("악성 확장 프로그램이 /callback으로 가는 리다이렉트를 멈추고 인가 코드 {} 가져갔어요", with(code.as_str(), Josa::EulReul))
        }
        AttackerNote::CodeTaken { code, stopped: false } => {
            format!("악성 확장 프로그램이 /callback으로 가는 리다이렉트에서 인가 코드 {} 베껴 갔어요", with(code.as_str(), Josa::EulReul))
        }
        AttackerNote::OwnLogin => {
            "공격자가 자기 브라우저로 사이트에서 로그인을 시작해 state와 oauth_tx 쿠키를 받았어요".into()
        }
        AttackerNote::OwnCode { user } => {
            format!("공격자가 auth.example에 {} 로그인해 인가 코드를 쓰지 않고 챙겼어요", with(user.as_str(), Josa::EuroRo))
        }
    }
}

fn tour(m: &MoveError) -> String {
    match m {
        MoveError::NoSidCookie => "폐기할 sid 쿠키가 브라우저에 없어요".into(),
        MoveError::NoJti => "훔친 토큰에 jti가 없어요".into(),
        MoveError::NoStolenToken => "공격자에게 Bearer 토큰이 없어요".into(),
        MoveError::NoAccessToken => "localStorage에 access 토큰이 없어요".into(),
        MoveError::PayloadUnreadable(u) => format!("토큰 페이로드를 읽을 수 없어요: {}", unreadable(u)),
        MoveError::Tamper(e) => format!("토큰을 고칠 수 없어요: {}", tamper(e)),
        MoveError::NoStolenRefreshToken => "공격자에게 refresh 토큰이 없어요".into(),
        MoveError::NoIdpForm => "브라우저에 auth.example의 로그인 폼이 열려 있지 않아요".into(),
        MoveError::NoStolenCode => "공격자에게 인가 코드가 없어요".into(),
    }
}

fn oidc(o: &OidcNote) -> String {
    match o {
        OidcNote::Started { state, challenge } => format!(
            "auth.example 로그인을 시작했어요. state {state}, nonce, code_challenge {challenge}(S256)를 보내고 code_verifier는 서버에 남겨요"
        ),
        OidcNote::Redeem => "백 채널로 인가 코드를 교환해요. 클라이언트 시크릿과 code_verifier를 함께 보내요".into(),
        OidcNote::NoLoginInProgress => {
            "이 브라우저에는 진행 중인 로그인이 없어요(oauth_tx 쿠키 없음). state를 맞춰 볼 수 없어서 400이에요".into()
        }
        OidcNote::StateMismatch { expected, got } => format!(
            "돌아온 state({got})가 이 브라우저가 시작한 로그인의 state({expected})와 달라요. 위조된 로그인이라 400이에요"
        ),
        OidcNote::ProviderError { error } => format!("auth.example이 {} 돌려줬어요", with(error.as_str(), Josa::EulReul)),
        OidcNote::NotRegistered => "사이트가 auth.example에 클라이언트로 등록되어 있지 않아요".into(),
        OidcNote::CodeRefused { error, why: Some(why) } => {
            format!("auth.example이 인가 코드를 거부했어요: {error} ({})", note(why))
        }
        OidcNote::CodeRefused { error, why: None } => format!("auth.example이 인가 코드를 거부했어요: {error}"),
        OidcNote::IdToken(e) => format!("{} → 400", id_token_error(e)),
        OidcNote::SignedIn { user, then } => format!(
            "id_token 검증 통과 (서명, iss, aud, exp, nonce) → {user}. {}. auth.example의 토큰은 서버에 남아요",
            note(then)
        ),
    }
}

fn id_token_error(e: &IdTokenError) -> String {
    match e {
        IdTokenError::Malformed => "id_token이 서명된 JWT 모양이 아니에요".into(),
        IdTokenError::Alg => "id_token의 alg가 HS256이 아니에요".into(),
        IdTokenError::Signature => "id_token의 서명이 클라이언트 시크릿으로 검증되지 않아요".into(),
        IdTokenError::Issuer { got } => {
            format!("id_token의 iss가 {}. https://auth.example이어야 해요", with(got.as_str(), Josa::IeyoYeyo))
        }
        IdTokenError::Audience { got } => {
            format!("id_token의 aud가 {}. playground여야 해요", with(got.as_str(), Josa::IeyoYeyo))
        }
        IdTokenError::Expired { ago } => format!("id_token이 {} 전에 만료됐어요", secs(*ago)),
        IdTokenError::Nonce => "id_token의 nonce가 이 로그인의 nonce가 아니에요".into(),
    }
}

fn pkce_error(e: PkceError) -> &'static str {
    match e {
        PkceError::Missing => "code_verifier가 없어요. 이 코드는 code_challenge와 함께 발급됐어요",
        PkceError::Malformed => "code_verifier가 예약되지 않은 문자 43~128자가 아니에요",
        PkceError::Mismatch => "code_verifier를 해시한 값이 code_challenge와 달라요",
    }
}

fn authorize_error(e: &AuthorizeError) -> String {
    match e {
        AuthorizeError::UnknownClient => "모르는 client_id예요".into(),
        AuthorizeError::RedirectNotRegistered { uri } => {
            format!(
                "redirect_uri {} 이 클라이언트에 등록된 주소가 아니라서 돌려보내지 않아요",
                with(uri.as_str(), Josa::EunNeun)
            )
        }
        AuthorizeError::ResponseType => "response_type은 code만 받아요".into(),
        AuthorizeError::NoOpenidScope => "scope에 openid가 있어야 해요".into(),
        AuthorizeError::PkceRequired => "code_challenge_method=S256인 code_challenge가 있어야 해요".into(),
    }
}

fn grant_error(e: &GrantError) -> String {
    match e {
        GrantError::InvalidClient => "클라이언트 인증에 실패했어요".into(),
        GrantError::UnsupportedGrantType => "grant_type은 authorization_code만 받아요".into(),
        GrantError::UnknownCode => "모르는 인가 코드예요".into(),
        GrantError::CodeUsed { revoked } => {
            format!("이미 쓴 인가 코드예요. 이 코드로 발급한 토큰 {}개를 폐기했어요", group(*revoked as u64))
        }
        GrantError::CodeExpired => "인가 코드가 만료됐어요".into(),
        GrantError::RedirectMismatch => "redirect_uri가 인가 요청 때와 달라요".into(),
        GrantError::Pkce(p) => format!("PKCE: {}", pkce_error(*p)),
    }
}

fn idp(i: &IdpNote) -> String {
    match i {
        IdpNote::LoginForm => "auth.example: 여기 세션이 아직 없어서 로그인 폼을 보여 줘요".into(),
        IdpNote::SignedIn { user, code } => format!(
            "auth.example: {user}의 비밀번호가 맞아요. 자기 세션 쿠키 idp_sid를 주고, 인가 코드 {} 함께 사이트로 돌려보내요",
            with(code.as_str(), Josa::GwaWa)
        ),
        IdpNote::CodeIssued { user, code } => format!(
            "auth.example: {} 이미 여기 로그인해 있어요. 비밀번호 없이 바로 인가 코드 {} 줘요",
            with(user.as_str(), Josa::EunNeun),
            with(code.as_str(), Josa::EulReul)
        ),
        IdpNote::LoginFailed => "auth.example: 아이디 또는 비밀번호가 틀렸어요".into(),
        IdpNote::Refused(e) => format!("auth.example: {}", authorize_error(e)),
        IdpNote::TokenIssued { user } => format!(
            "auth.example: 인가 코드, 클라이언트 시크릿, code_verifier가 모두 맞아요. {user}의 id_token과 access 토큰을 줘요"
        ),
        IdpNote::TokenRefused(e) => format!("auth.example: {}: {}", e.code(), grant_error(e)),
        IdpNote::NoRoute => "auth.example: 그런 페이지는 없어요".into(),
    }
}

// ---- the cookie jar ----

fn store_outcome(o: StoreOutcome) -> &'static str {
    match o {
        StoreOutcome::Stored => "새로 저장했어요",
        StoreOutcome::Replaced => "이름·도메인·경로가 같은 쿠키를 새 값으로 바꿨어요",
        StoreOutcome::Deleted => "이미 만료된 쿠키라, 이름·도메인·경로가 같은 쿠키를 지웠어요",
        StoreOutcome::AlreadyExpired => "이미 만료된 쿠키라 저장하지 않았어요. 지울 쿠키도 없었어요",
    }
}

fn parse_error(e: &ParseError) -> String {
    match e {
        ParseError::Empty => "Set-Cookie 헤더가 비어 있어요".into(),
        ParseError::NoEquals => "쿠키 이름과 값 사이에 '='가 없어요".into(),
        ParseError::EmptyName => "쿠키 이름이 비어 있어요".into(),
        ParseError::TooLarge { size } => format!(
            "이름과 값을 합쳐 {}바이트라서 허용치({}바이트)를 넘어요",
            group(*size as u64),
            group(MAX_NAME_VALUE_BYTES as u64)
        ),
    }
}

fn rejected(r: &Rejected) -> String {
    match r {
        Rejected::Unparsable(e) => format!("무시했어요. {}", parse_error(e)),
        Rejected::DomainMismatch { domain, host } => format!(
            "Domain={domain} 값이 호스트({host})와 맞지 않아요. 사이트는 자기 도메인이나 상위 도메인에만 쿠키를 설정할 수 있어요"
        ),
        Rejected::PublicSuffix { domain } => format!(
            "Domain={domain} 값은 공개 접미사(public suffix)라서, 어떤 사이트도 그 전체에 쿠키를 설정할 수 없어요"
        ),
        Rejected::SecureFromInsecure => "Secure 쿠키는 https 페이지에서만 설정할 수 있어요".into(),
        Rejected::OverwriteSecureFromInsecure { name } => {
            format!("http 페이지는 Secure 쿠키를 덮어쓸 수 없어요 ({name})")
        }
        Rejected::HttpOnlyFromScript => "스크립트(document.cookie)로는 HttpOnly 쿠키를 설정할 수 없어요".into(),
        Rejected::OverwriteHttpOnlyFromScript { name } => {
            format!("스크립트(document.cookie)로는 HttpOnly 쿠키를 덮어쓸 수 없어요 ({name})")
        }
        Rejected::SameSiteNoneWithoutSecure => "SameSite=None 쿠키에는 Secure도 있어야 해요".into(),
        Rejected::SecurePrefix => "__Secure-로 시작하는 쿠키는 Secure여야 하고 https 페이지에서 설정해야 해요".into(),
        Rejected::HostPrefix => {
            "__Host-로 시작하는 쿠키는 Secure여야 하고, https에서 Domain 속성 없이 Path=/로 설정해야 해요".into()
        }
    }
}

/// A span of milliseconds as the cookie jar rounds it: `42초`, `3분`, `5시간`, `2일`.
fn span(ms: i64) -> String {
    let secs = ms / 1000;
    if secs < 60 {
        format!("{secs}초")
    } else if secs < 3_600 {
        format!("{}분", secs / 60)
    } else if secs < 86_400 {
        format!("{}시간", secs / 3_600)
    } else {
        format!("{}일", group((secs / 86_400) as u64))
    }
}

fn not_sent(n: &NotSent) -> String {
    match n {
        NotSent::HostOnly { cookie_host, request_host } => {
            format!("호스트 전용 쿠키({cookie_host})인데 요청 대상은 {}", with(request_host, Josa::IeyoYeyo))
        }
        NotSent::DomainMismatch { cookie_domain, request_host } => {
            format!("쿠키 도메인({cookie_domain})이 요청 호스트({request_host})와 맞지 않아요")
        }
        NotSent::PathMismatch { cookie_path, request_path } => {
            format!("쿠키 경로({cookie_path})가 요청 경로({request_path})와 맞지 않아요")
        }
        NotSent::Expired { ago } if *ago < 1000 => "방금 만료됐어요".into(),
        NotSent::Expired { ago } => format!("{} 전에 만료됐어요", span(*ago)),
        NotSent::SecureOverHttp => "Secure 쿠키라 http로는 보내지 않아요".into(),
        NotSent::HttpOnlyFromScript => "HttpOnly 쿠키라 스크립트(document.cookie)에는 보이지 않아요".into(),
        NotSent::SameSiteStrict => "SameSite=Strict라서 다른 사이트에서 시작된 요청에는 보내지 않아요".into(),
        NotSent::SameSiteLax { by_default: false } => {
            "SameSite=Lax라서 다른 사이트에서 시작된 요청에는 보내지 않아요. 안전한 메서드(GET)의 최상위 이동만 예외예요"
                .into()
        }
        NotSent::SameSiteLax { by_default: true } => {
            "SameSite 속성이 없어요. 이 브라우저는 Chrome·Edge처럼 Lax로 다뤄서, 다른 사이트에서 시작된 요청에는 보내지 않아요. 안전한 메서드(GET)의 최상위 이동만 예외예요"
                .into()
        }
        NotSent::SameSiteNoneInsecure => "Secure 없는 SameSite=None 쿠키라 보내지 않아요".into(),
    }
}

// ---- tokens ----

fn part(p: Part) -> &'static str {
    match p {
        Part::Header => "헤더",
        Part::Payload => "페이로드",
        Part::Signature => "서명",
    }
}

/// Seconds as `2분 5초`, `1시간 2분 3초`, `42초`.
fn secs(s: i64) -> String {
    let s = s.max(0);
    let (h, m, s) = (s / 3600, (s % 3600) / 60, s % 60);
    match (h, m) {
        (0, 0) => format!("{s}초"),
        (0, _) => format!("{m}분 {s}초"),
        _ => format!("{}시간 {m}분 {s}초", group(h as u64)),
    }
}

fn claim_type(expected: &str) -> &'static str {
    if expected.contains("string") {
        "문자열"
    } else {
        "1970년부터 센 초(정수)"
    }
}

/// Why a token is refused, in Korean.
pub fn rejection(r: &Rejection) -> String {
    match r {
        Rejection::Empty => "보낸 토큰이 없어요. 토큰 칸이 비어 있어요".into(),
        Rejection::TooLarge { len } => format!(
            "토큰이 {}바이트로 {}바이트 한도를 넘어서, 읽어 보지도 않고 거부했어요",
            group(*len as u64),
            group(MAX_TOKEN_BYTES as u64)
        ),
        Rejection::BadCharacters { at, ch } => format!(
            "토큰의 바이트 오프셋 {at} 위치에 공백이나 제어 문자({})가 있어요. JWT는 base64url 문자와 점으로만 이뤄져요",
            ch.escape_debug()
        ),
        Rejection::TooFewSegments { found } | Rejection::TooManySegments { found } => format!(
            "토큰 조각이 {}개예요. 서명된 JWT는 header.payload.signature, 정확히 3개예요",
            group(*found as u64)
        ),
        Rejection::EncryptedJwe => {
            "토큰 조각이 5개예요. 서명된 JWS가 아니라 암호화된 JWE라서, 서명된 토큰만 받는 이 서버는 거부해요".into()
        }
        Rejection::Base64Padding { part: p } => {
            format!("{} 끝에 '=' 패딩이 있어요. JWT는 패딩 없는 base64url을 써요", part(*p))
        }
        Rejection::BadBase64 { part: p, .. } => {
            format!("{} 올바른 base64url이 아니에요. A-Z, a-z, 0-9, -, _만 쓸 수 있어요", with(part(*p), Josa::IGa))
        }
        Rejection::HeaderNotJson => "헤더를 디코딩해도 JSON이 아니에요".into(),
        Rejection::HeaderNotObject => "헤더가 JSON이긴 하지만 객체({ ... })가 아니에요".into(),
        Rejection::DuplicateHeaderParam { name } => {
            format!("헤더에 같은 항목이 두 번 나와요(\"{}\"). 파서마다 어느 쪽을 쓸지 달라서 거부해요", short(name))
        }
        Rejection::AlgMissing => "헤더에 \"alg\" 문자열이 없어요".into(),
        Rejection::AlgNone { alg } => {
            format!("서명이 없는 토큰이에요(\"alg\": \"{}\"). 누구든 만들어 낼 수 있어요", short(alg))
        }
        Rejection::AlgNotAllowed { alg } => format!(
            "허용하지 않는 알고리즘이에요(\"{}\"). HS256만 받아요. 검증 방법을 토큰이 고르게 두지 않아요",
            short(alg)
        ),
        Rejection::CritHeader => "헤더의 \"crit\"에 이 서버가 모르는 확장이 있어서 토큰을 거부해요".into(),
        Rejection::BadTyp { typ } => format!("이 서버는 \"typ\"으로 \"JWT\"만 받아요(받은 값: {})", short(typ)),
        Rejection::KidNotString => "\"kid\"(키 id)는 문자열이어야 해요".into(),
        Rejection::UnknownKid { kid } => format!(
            "모르는 키 id예요(\"{}\"). 이 서버의 키 링에 그 kid를 가진 키가 없어요. 폐기됐거나 처음부터 없던 키예요",
            short(kid)
        ),
        Rejection::BadHeader { .. } => "헤더 필드의 타입이 잘못됐어요".into(),
        Rejection::SignatureMissing => {
            "서명이 없어요(토큰이 '.'으로 끝나요). 서명을 떼어 냈으니 누가 썼는지 증명할 게 없어요".into()
        }
        Rejection::SignatureLength { len } => format!(
            "서명이 {}바이트예요. HS256 서명은 {HS256_SIGNATURE_BYTES}바이트라서, 잘렸거나 바꿔치기된 거예요",
            group(*len as u64)
        ),
        Rejection::PayloadNotJson => "페이로드를 디코딩해도 JSON이 아니에요".into(),
        Rejection::PayloadNotObject => "페이로드가 JSON이긴 하지만 객체({ ... })가 아니에요".into(),
        Rejection::DuplicateClaim { name } => {
            format!("같은 클레임이 두 번 나와요(\"{}\"). 파서마다 어느 쪽을 쓸지 달라서 거부해요", short(name))
        }
        Rejection::BadSignature => "서명이 맞지 않아요. 페이로드나 헤더가 바뀌었거나 다른 키로 서명됐어요".into(),
        Rejection::MissingClaim { name } => format!("필수 클레임이 없어요(\"{name}\")"),
        Rejection::ClaimType { name, expected } => {
            format!("클레임 \"{name}\"의 타입이 잘못됐어요. {} 값이어야 해요", claim_type(expected))
        }
        Rejection::ClaimsInvalid { .. } => "클레임을 읽을 수 없어요".into(),
        Rejection::Expired { ago: 0 } => "토큰이 방금 만료됐어요".into(),
        Rejection::Expired { ago } => format!("토큰이 {} 전에 만료됐어요", secs(*ago)),
        Rejection::NotYetValid { in_secs } => {
            format!("아직 쓸 수 없는 토큰이에요(\"nbf\"). {} 뒤부터 유효해요", secs(*in_secs))
        }
        Rejection::IssuedInFuture { by } => format!(
            "토큰 발급 시각(\"iat\")이 {} 뒤의 미래예요. 시계 오차는 {IAT_LEEWAY_SECS}초까지만 봐줘요",
            secs(*by)
        ),
        Rejection::Revoked { jti } => format!("폐기된 토큰이에요. jti가 거부 목록에 있어요({})", short(jti)),
        Rejection::Internal { .. } => "토큰 라이브러리에서 오류가 났어요".into(),
    }
}

fn unreadable(u: &Unreadable) -> String {
    match u {
        Unreadable::Empty { part: p } => format!("{} 비어 있어요", with(part(*p), Josa::IGa)),
        Unreadable::NotBase64 { part: p, .. } => format!("{} base64url이 아니에요", with(part(*p), Josa::IGa)),
        Unreadable::NotJson { part: p, line, column, .. } => {
            format!("{} base64url로 풀어도 JSON이 아니에요({line}행 {column}열)", with(part(*p), Josa::EulReul))
        }
    }
}

fn tamper(t: &TamperError) -> String {
    match t {
        TamperError::Parts { found } => {
            format!("점으로 나뉜 세 부분(header.payload.signature)이어야 하는데 {}부분이에요", group(*found as u64))
        }
        TamperError::NoSuchPart => "그런 부분은 없어요".into(),
    }
}
