//! Korean for the texts the simulation writes in English: hop notes, browser notes,
//! error bodies, server log lines, the attacker's summaries, JWT rejections and
//! cookie-jar reasons. The simulation stays English (its tests assert on those
//! texts); the page translates them only where it shows them.
//!
//! Each rule is an English pattern with holes for the variable parts and a Korean
//! template that puts them back by position (`{0}`, `{1}`, …), so the word order can
//! follow Korean. What a hole caught is translated again (a rejection reason inside
//! an error inside a log line), and what no rule knows — ids, names, numbers, paths,
//! header names — passes through unchanged.
//!
//! Holes in a pattern:
//! - `{}` any non-empty text without `"; "` (notes are joined with `"; "`);
//! - `{*}` any non-empty text;
//! - `{w}` one word: non-empty, no whitespace;
//! - `{n}` a number: ASCII digits.
//!
//! A text no rule matches as a whole is split at `"; "`, then at `", "`, and each
//! piece is translated on its own.

use super::Lang;
use std::sync::OnceLock;

/// `text` in `lang`: English as it is, Korean translated.
pub fn localize(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Ko => translate(text, 0),
    }
}

/// (English pattern, Korean template). Order here does not matter: see [`rules`].
const RULES: &[(&str, &str)] = &[
    // ---- server log line: `GET /me → 401 (note)` ----
    ("{w} {w} → {n} ({*})", "{0} {1} → {2} ({3})"),
    // ---- balancer ----
    ("round robin → {w}", "라운드 로빈 → {0}"),
    ("random → {w}", "무작위 → {0}"),
    ("sticky cookie lb={w} → {w}", "스티키 쿠키 lb={0} → {1}"),
    ("no sticky cookie: round robin → {w}, pinned from now on", "스티키 쿠키 없음: 라운드 로빈 → {0}, 이제부터 고정"),
    ("balancer pins this client to {w}", "밸런서가 이 클라이언트를 {0}에 고정"),
    // ---- browser: what it attaches and what it keeps ----
    ("Cookie attached by the browser: {}", "브라우저가 붙인 쿠키: {0}"),
    ("{w} not sent: {}", "쿠키 {0} 안 보냄: {1}"),
    (
        "started on evil.example: no page script of the site runs, no bearer token",
        "evil.example에서 시작된 요청: 사이트의 페이지 스크립트가 돌지 않으니 Bearer 토큰도 없음",
    ),
    ("Authorization added by the page script from localStorage", "페이지 스크립트가 localStorage에서 꺼내 Authorization 헤더를 붙임"),
    ("no credentials attached", "붙은 자격 증명 없음"),
    ("cookie {w}: {}", "쿠키 {0}: {1}"),
    ("cookie {w} rejected: {}", "쿠키 {0} 거부: {1}"),
    ("cookie  rejected: {}", "쿠키 거부: {0}"),
    ("page script saved access_token in localStorage", "페이지 스크립트가 access_token을 localStorage에 저장"),
    ("page script removed access_token from localStorage", "페이지 스크립트가 localStorage에서 access_token을 지움"),
    (
        "the browser refused to send a {w} header with characters HTTP does not allow",
        "HTTP에서 허용하지 않는 문자가 있어서 브라우저가 {0} 헤더를 보내지 않았어요",
    ),
    ("invalid header name {} dropped", "헤더 이름이 올바르지 않아서 뺐어요: {0}"),
    // ---- world actions ----
    ("session {w} revoked by an admin", "관리자가 세션을 강제로 폐기함: {0}"),
    ("session {w} was not found", "세션을 찾지 못했어요: {0}"),
    ("restarted: {n} session(s) in memory lost", "재시작: 메모리에 있던 세션 {0}개가 사라짐"),
    ("signing key rotated to {w}", "서명 키 교체 → {0}"),
    ("signing key rotated to {w} (old key still accepted)", "서명 키 교체 → {0} (이전 키도 계속 받음)"),
    // ---- scenario moves that could not run ----
    ("the browser holds no sid cookie to revoke", "폐기할 sid 쿠키가 브라우저에 없어요"),
    ("the stolen token has no jti", "훔친 토큰에 jti가 없어요"),
    ("the attacker holds no bearer token", "공격자에게 Bearer 토큰이 없어요"),
    ("no access token in localStorage", "localStorage에 액세스 토큰이 없어요"),
    ("token payload unreadable: {*}", "토큰 페이로드를 읽을 수 없어요: {0}"),
    ("no used refresh token to present again", "다시 내밀 수 있는, 이미 쓴 리프레시 토큰이 없어요"),
    // ---- attacker ----
    ("script read nothing", "스크립트가 읽어 낸 것: 없음"),
    ("script read {}", "스크립트가 읽어 낸 것: {0}"),
    ("HttpOnly kept {} out of reach", "HttpOnly라서 손대지 못한 쿠키: {0}"),
    ("cookie {w}", "쿠키 {0}"),
    ("bearer token {w}", "Bearer 토큰 {0}"),
    ("localStorage {w} = {}", "localStorage의 {0} = {1}"),
    (
        "https: the eavesdropper sees only encrypted bytes and the host name",
        "https: 도청자에게는 암호화된 바이트와 호스트 이름만 보여요",
    ),
    ("no traffic to read yet", "아직 엿볼 트래픽이 없어요"),
    (
        "plain http: read the whole request, but it carried no credential",
        "평문 http: 요청을 통째로 읽었지만 자격 증명은 실려 있지 않았어요",
    ),
    ("plain http: read {}", "평문 http라서 그대로 읽힘: {0}"),
    ("nothing stolen: no credential", "훔친 게 없어요: 자격 증명 없음"),
    ("replay with {*}", "재전송에 쓴 자격 증명: {0}"),
    ("replay with nothing stolen: no credential", "재전송: 훔친 자격 증명이 없어요"),
    ("logged in as {w}", "로그인됨: {0}"),
    // ---- server: limits and routes ----
    ("request header block is {n} bytes; the limit is {n}", "요청 헤더가 {0}바이트라서 한도({1}바이트)를 넘었어요"),
    ("body is {n} bytes; the limit is {n}", "본문이 {0}바이트라서 한도({1}바이트)를 넘었어요"),
    ("no such page", "그런 페이지는 없어요"),
    ("no route for {w}", "{0}에 맞는 라우트 없음"),
    ("method not allowed", "허용되지 않는 메서드예요"),
    ("{w} not allowed on {w}", "{1}에서는 {0} 메서드를 허용하지 않음"),
    // ---- server: who is it? ----
    ("stateless: nothing in the request says who you are", "stateless: 요청 어디에도 누구인지 나와 있지 않아요"),
    ("no session cookie", "세션 쿠키 없음"),
    ("sid {w}: {} on {w}", "sid {0}: {1} (서버 {2})"),
    ("no Authorization header", "Authorization 헤더 없음"),
    ("Authorization is not a Bearer token", "Authorization 헤더가 Bearer 토큰이 아님"),
    ("no such server", "없는 서버예요"),
    ("token rejected on {w}: {*}", "서버 {0}에서 토큰 거부: {1}"),
    ("sid {w} found on {} → {}", "sid {0}: {1}에서 찾음 → {2}"),
    ("the shared store", "공유 저장소"),
    ("anonymous", "익명"),
    ("signature OK (HS256) → {}", "서명 확인 (HS256) → {0}"),
    ("not logged in: {*}", "로그인하지 않았어요: {0}"),
    ("not logged in: this session has no user", "로그인하지 않았어요: 이 세션에는 사용자가 없어요"),
    ("{*} → 401", "{0} → 401"),
    ("admins only: {w} is a {w}", "관리자만 볼 수 있어요 ({0}의 역할: {1})"),
    ("{*}; role {w} → 403", "{0}; 역할 {1} → 403"),
    // ---- server: flights ----
    ("unknown destination: try to=jeju, busan or tokyo", "모르는 목적지예요: to=jeju, busan, tokyo 중에서 골라 주세요"),
    ("quote {w} kept in a new session {w}", "새 세션 {1}에 {0} 견적 저장"),
    ("quote {w} kept in session {w}", "세션 {1}에 {0} 견적 저장"),
    ("quoted {w}: {n} won; the server keeps nothing", "{0} 견적: {1}원; 서버는 아무것도 기억하지 않음"),
    ("bad request body: {*}", "요청 본문이 잘못됐어요: {0}"),
    ("count must be 1 to 9", "count는 1에서 9 사이여야 해요"),
    ("quote found in session {w}", "세션 {0}에서 견적을 찾음"),
    ("the request itself names the flight", "요청 자체에 항공편이 적혀 있음"),
    (
        "which flight? this request does not say, and nothing links it to your earlier quote",
        "어느 항공편인가요? 이 요청에는 적혀 있지 않고, 앞서 받은 견적과 이어 줄 것도 없어요",
    ),
    ("no state links this request to the quote → 400", "이 요청을 견적과 이어 줄 상태가 없음 → 400"),
    // ---- server: login, logout, refresh ----
    ("wrong username or password", "아이디 또는 비밀번호가 틀렸어요"),
    ("password hash does not match", "비밀번호 해시 불일치"),
    ("password OK for {w}; nothing will remember it", "비밀번호 확인 ({0}); 이 로그인을 기억하는 곳은 없음"),
    ("password OK; session {w} created for {w}", "비밀번호 확인; {1}의 세션 {0} 생성"),
    ("password OK; JWT {w} signed for {w}", "비밀번호 확인; {1}의 JWT {0} 서명"),
    ("could not sign: {*}", "서명하지 못했어요: {0}"),
    ("could not sign the token: {*}", "토큰에 서명하지 못했어요: {0}"),
    ("the token would be {n} bytes, over the {n}-byte limit", "토큰이 {0}바이트가 되어 {1}바이트 한도를 넘어요"),
    ("nothing to forget", "잊을 것이 없음"),
    ("session {w} deleted", "세션 {0} 삭제"),
    ("session {w} was already gone", "세션 {0}: 이미 없음"),
    (
        "{n} refresh token family revoked; jti {w} denylisted",
        "리프레시 토큰 패밀리 {0}개 폐기; denylist에 jti {1} 등록",
    ),
    (
        "{n} refresh token family revoked; the access token stays valid until exp",
        "리프레시 토큰 패밀리 {0}개 폐기; 액세스 토큰은 exp까지 그대로 유효",
    ),
    ("no valid token: nothing to revoke", "유효한 토큰 없음: 폐기할 것이 없음"),
    ("refresh tokens exist in token mode only", "리프레시 토큰은 토큰 모드에만 있어요"),
    ("refresh token rotated; new JWT {w}", "리프레시 토큰 교체; 새 JWT {0}"),
    ("no refresh token cookie", "리프레시 토큰 쿠키가 없어요"),
    ("unknown refresh token", "모르는 리프레시 토큰이에요"),
    ("refresh token expired", "리프레시 토큰이 만료됐어요"),
    (
        "refresh token reuse detected: every token of this login is revoked",
        "리프레시 토큰 재사용 감지: 이 로그인으로 받은 토큰을 모두 폐기했어요",
    ),
    ("refresh token revoked", "폐기된 리프레시 토큰이에요"),
    // ---- session store ----
    ("look the session up, sliding its expiry", "세션 조회, 만료 시각을 뒤로 미룸"),
    ("session found", "세션 찾음"),
    ("store the session", "세션 저장"),
    ("replicate the write", "쓰기 복제"),
    ("delete the session", "세션 삭제"),
    ("replicate the delete", "삭제 복제"),
    ("no such session", "그런 세션 없음"),
    ("session expired (idle 15 min)", "세션 만료 (15분 동안 요청 없음)"),
    ("session expired (8 h limit)", "세션 만료 (최대 8시간)"),
    // ---- JWT rejections ----
    ("no token was sent", "토큰을 보내지 않았어요"),
    (
        "token is {n} bytes, over the {n}-byte limit: refused before reading it",
        "토큰이 {0}바이트로 {1}바이트 한도를 넘어서 읽어 보지도 않고 거부했어요",
    ),
    (
        "token contains whitespace or a control character ({}) at byte {n}: a JWT is only base64url text and dots",
        "토큰의 {1}번 바이트에 공백이나 제어 문자({0})가 있어요: JWT는 base64url 문자와 점으로만 이뤄져요",
    ),
    (
        "token has {n} part(s), a signed JWT has exactly 3: header.payload.signature",
        "토큰 조각이 {0}개예요. 서명된 JWT는 정확히 3개(header.payload.signature)여야 해요",
    ),
    (
        "token has {n} parts, a signed JWT has exactly 3: header.payload.signature",
        "토큰 조각이 {0}개예요. 서명된 JWT는 정확히 3개(header.payload.signature)여야 해요",
    ),
    (
        "token has 5 parts: that is an encrypted JWE, not a signed JWS; this server only accepts signed tokens",
        "토큰 조각이 5개예요: 서명된 JWS가 아니라 암호화된 JWE예요. 이 서버는 서명된 토큰만 받아요",
    ),
    ("the {w} ends in '=' padding: JWTs use base64url without padding", "{0} 부분 끝에 '=' 패딩이 있어요: JWT는 패딩 없는 base64url을 써요"),
    ("the {w} is not valid base64url: {*}", "{0} 부분이 올바른 base64url이 아니에요: {1}"),
    ("header", "헤더"),
    ("payload", "페이로드"),
    ("signature", "서명"),
    ("'{}' is not in the base64url alphabet (A-Z a-z 0-9 - _)", "base64url 알파벳(A-Z a-z 0-9 - _)에 없는 문자: '{0}'"),
    ("the header does not decode to JSON", "헤더를 디코딩해도 JSON이 아니에요"),
    ("the header is JSON but not an object ({ ... })", "헤더가 JSON이긴 하지만 객체({ ... })가 아니에요"),
    (
        "the header names \"{}\" twice: parsers disagree on which one wins, so it is refused",
        "헤더에 \"{0}\" 항목이 두 번 나와요: 어느 쪽을 쓸지 파서마다 달라서 거부해요",
    ),
    ("the header has no \"alg\" string", "헤더에 \"alg\" 문자열이 없어요"),
    (
        "\"alg\": \"{}\" means an unsigned token: anyone could have written it",
        "\"alg\": \"{0}\" — 서명이 없는 토큰이라 누구든 만들어 낼 수 있어요",
    ),
    (
        "algorithm \"{}\" not allowed: only HS256 is accepted (the server never lets the token choose how it is checked)",
        "알고리즘 \"{0}\" 거부: HS256만 받아요 (검증 방법을 토큰이 고르게 두지 않아요)",
    ),
    (
        "the header lists \"crit\" extensions this server does not understand, so it must refuse the token",
        "헤더의 \"crit\"에 이 서버가 모르는 확장이 있어서 토큰을 거부해야 해요",
    ),
    ("\"typ\" is {} but this server only accepts \"JWT\"", "이 서버는 \"typ\"으로 \"JWT\"만 받아요 (받은 값: {0})"),
    ("\"kid\" (key id) must be a string", "\"kid\"(키 ID)는 문자열이어야 해요"),
    (
        "unknown key id \"{}\": no key in this server's key ring has that kid (retired, or never existed)",
        "모르는 키 ID \"{0}\": 이 서버의 키 링에 그 kid를 가진 키가 없어요 (폐기됐거나 처음부터 없던 키예요)",
    ),
    ("a header field has the wrong type: {*}", "헤더 필드의 타입이 잘못됐어요: {0}"),
    (
        "the signature is missing (the token ends with '.'): it was stripped, nothing proves who wrote it",
        "서명이 없어요 (토큰이 '.'으로 끝나요): 서명을 떼어 냈으니 누가 썼는지 증명할 게 없어요",
    ),
    (
        "the signature is {n} bytes, an HS256 signature is {n}: it was cut or replaced",
        "서명이 {0}바이트예요. HS256 서명은 {1}바이트라서, 잘렸거나 바꿔치기된 거예요",
    ),
    ("the payload does not decode to JSON", "페이로드를 디코딩해도 JSON이 아니에요"),
    ("the payload is JSON but not an object ({ ... })", "페이로드가 JSON이긴 하지만 객체({ ... })가 아니에요"),
    (
        "the claim \"{}\" appears twice: parsers disagree on which one wins, so it is refused",
        "클레임 \"{0}\" 항목이 두 번 나와요: 어느 쪽을 쓸지 파서마다 달라서 거부해요",
    ),
    (
        "signature does not match: the payload or header was changed, or it was signed with another key",
        "서명이 맞지 않아요: 페이로드나 헤더가 바뀌었거나, 다른 키로 서명됐어요",
    ),
    ("required claim \"{}\" is missing", "필수 클레임이 없어요: \"{0}\""),
    ("claim \"{}\" has the wrong type: it must be {}", "클레임 \"{0}\"의 타입이 잘못됐어요: {1} 값이어야 해요"),
    ("a string", "문자열"),
    ("an integer number of seconds since 1970", "1970년부터 센 초(정수)"),
    ("the claims could not be read: {*}", "클레임을 읽을 수 없어요: {0}"),
    ("token expired {} ago", "토큰이 {0} 전에 만료됐어요"),
    ("token is not valid yet (\"nbf\"): usable in {}", "아직 쓸 수 없는 토큰이에요 (\"nbf\"): {0} 뒤부터 유효해요"),
    (
        "token claims to be issued {} in the future (\"iat\"); more than {n} s of clock skew is refused",
        "토큰 발급 시각(\"iat\")이 {0} 뒤의 미래예요. 시계 오차는 {1}초까지만 봐줘요",
    ),
    ("token {w} was revoked (its jti is on the denylist)", "폐기된 토큰이에요: {0} (jti가 denylist에 있어요)"),
    ("the token library failed: {*}", "토큰 라이브러리 오류: {0}"),
    // ---- JWT inspector and tamper editor ----
    ("not base64url: {*}", "base64url이 아니에요: {0}"),
    ("not JSON: {*}", "JSON이 아니에요: {0}"),
    ("no payload part", "페이로드 부분이 없어요"),
    (
        "expected 3 dot-separated parts (header.payload.signature), found {n}",
        "점으로 나뉜 3부분(header.payload.signature)이어야 하는데 {0}부분이에요",
    ),
    ("no such part", "그런 부분은 없어요"),
    // ---- cookie jar: why a cookie was not sent ----
    ("host-only cookie for {w}, request to {w}", "host-only 쿠키(호스트 {0})인데 요청 대상은 {1}"),
    ("cookie domain {w} does not match the request host {w}", "쿠키 도메인({0})이 요청 호스트({1})와 맞지 않음"),
    ("path {w} does not match {w}", "쿠키 경로({0})가 요청 경로({1})와 맞지 않음"),
    ("expired just now", "방금 만료됨"),
    ("expired {} ago", "{0} 전에 만료됨"),
    ("Secure cookie: not sent over http", "Secure 쿠키: http로는 보내지 않음"),
    ("HttpOnly cookie: hidden from scripts (document.cookie)", "HttpOnly 쿠키: 스크립트(document.cookie)에는 안 보임"),
    ("SameSite=Strict: request started on another site", "SameSite=Strict: 다른 사이트에서 시작된 요청"),
    (
        "SameSite=Lax: cross-site request that is not a top-level GET navigation",
        "SameSite=Lax: 최상위 GET 이동이 아닌 크로스 사이트 요청",
    ),
    (
        "no SameSite attribute (Lax by default): cross-site request that is not a top-level GET navigation",
        "SameSite 속성 없음 (기본값 Lax): 최상위 GET 이동이 아닌 크로스 사이트 요청",
    ),
    ("SameSite=None cookie without Secure: never sent", "Secure 없는 SameSite=None 쿠키: 절대 보내지 않음"),
    // ---- cookie jar: what storing did ----
    ("stored as a new cookie", "새 쿠키로 저장"),
    ("replaced the existing cookie with the same name, domain and path", "이름·도메인·경로가 같은 기존 쿠키를 교체"),
    (
        "already expired: deleted the existing cookie with the same name, domain and path",
        "이미 만료됨: 이름·도메인·경로가 같은 기존 쿠키를 삭제",
    ),
    ("already expired: nothing stored, and there was no cookie to delete", "이미 만료됨: 저장하지 않았고 지울 쿠키도 없었음"),
    // ---- cookie jar: why a cookie was refused ----
    ("ignored: {*}", "무시함: {0}"),
    ("the Set-Cookie header is empty", "Set-Cookie 헤더가 비어 있어요"),
    ("there is no '=' between the cookie name and value", "쿠키 이름과 값 사이에 '='가 없어요"),
    ("the cookie name is empty", "쿠키 이름이 비어 있어요"),
    (
        "name and value are {n} bytes long, more than the {n} allowed",
        "이름과 값을 합쳐 {0}바이트라서 허용치({1}바이트)를 넘어요",
    ),
    (
        "Domain={w} does not match the host {w}: a site can only set cookies for its own domain or a parent domain",
        "Domain={0} 값이 호스트({1})와 맞지 않아요: 사이트는 자기 도메인이나 상위 도메인에만 쿠키를 설정할 수 있어요",
    ),
    (
        "Domain={w} is a public suffix: no site may set a cookie for all of it",
        "Domain={0} 값은 공개 접미사(public suffix)예요: 어떤 사이트도 그 전체에 쿠키를 설정할 수 없어요",
    ),
    ("Secure cookies can only be set from https pages, not http", "Secure 쿠키는 http가 아닌 https 페이지에서만 설정할 수 있어요"),
    ("an http page cannot overwrite the Secure cookie {w}", "http 페이지는 Secure 쿠키를 덮어쓸 수 없어요: {0}"),
    ("scripts (document.cookie) cannot set HttpOnly cookies", "스크립트(document.cookie)로는 HttpOnly 쿠키를 설정할 수 없어요"),
    (
        "scripts (document.cookie) cannot overwrite the HttpOnly cookie {w}",
        "스크립트(document.cookie)로는 HttpOnly 쿠키를 덮어쓸 수 없어요: {0}",
    ),
    ("SameSite=None cookies must also be Secure", "SameSite=None 쿠키에는 Secure도 있어야 해요"),
    (
        "cookies named __Secure-… must be Secure and set from an https page",
        "__Secure-…로 시작하는 쿠키는 Secure여야 하고 https 페이지에서 설정해야 해요",
    ),
    (
        "cookies named __Host-… must be Secure, set from https, without a Domain attribute, and with Path=/",
        "__Host-…로 시작하는 쿠키는 Secure여야 하고, https에서 Domain 속성 없이 Path=/로 설정해야 해요",
    ),
    // ---- durations ----
    ("{n} s", "{0}초"),
    ("{n} min {n} s", "{0}분 {1}초"),
    ("{n} h {n} min {n} s", "{0}시간 {1}분 {2}초"),
    ("{n} min", "{0}분"),
    ("{n} h", "{0}시간"),
    ("{n} day", "{0}일"),
    ("{n} days", "{0}일"),
    // ---- library messages inside the reasons (serde_json, base64) ----
    ("{*} at line {n} column {n}", "{0} ({1}행 {2}열)"),
    ("EOF while parsing a value", "값을 읽다가 입력이 끝났어요"),
    ("EOF while parsing an object", "객체를 읽다가 입력이 끝났어요"),
    ("EOF while parsing a string", "문자열을 읽다가 입력이 끝났어요"),
    ("EOF while parsing a list", "배열을 읽다가 입력이 끝났어요"),
    ("expected value", "값이 와야 해요"),
    ("expected ident", "식별자가 와야 해요"),
    ("expected `:`", "`:`가 와야 해요"),
    ("expected `,` or `}`", "`,`나 `}`가 와야 해요"),
    ("expected `,` or `]`", "`,`나 `]`가 와야 해요"),
    ("expected `\"`", "`\"`가 와야 해요"),
    ("trailing characters", "값 뒤에 남는 문자가 있어요"),
    ("trailing comma", "끝에 쉼표가 남아 있어요"),
    ("key must be a string", "키는 문자열이어야 해요"),
    ("invalid number", "잘못된 숫자예요"),
    ("number out of range", "숫자가 범위를 벗어났어요"),
    ("invalid escape", "잘못된 이스케이프예요"),
    ("invalid unicode code point", "잘못된 유니코드 코드 포인트예요"),
    ("recursion limit exceeded", "중첩이 너무 깊어요"),
    ("missing field `{w}`", "필드가 없어요: `{0}`"),
    ("duplicate field `{w}`", "같은 필드가 두 번 나와요: `{0}`"),
    ("unknown field `{w}`, expected {*}", "모르는 필드예요: `{0}` (기대한 것: {1})"),
    ("invalid type: {}, expected {*}", "타입이 잘못됐어요: {0} (기대한 타입: {1})"),
    ("invalid value: {}, expected {*}", "값이 잘못됐어요: {0} (기대한 값: {1})"),
    ("invalid length {n}, expected {*}", "길이가 잘못됐어요: {0} (기대한 길이: {1})"),
    ("unknown variant `{}`, expected {*}", "모르는 값이에요: `{0}` (기대한 값: {1})"),
    ("Invalid symbol {n}, offset {n}.", "잘못된 문자예요 (바이트 값 {0}, 위치 {1})"),
    ("Invalid last symbol {n}, offset {n}.", "마지막 문자가 잘못됐어요 (바이트 값 {0}, 위치 {1})"),
    ("Invalid input length: {n}", "입력 길이가 잘못됐어요: {0}"),
    ("Invalid padding", "패딩이 잘못됐어요"),
    ("JSON error: {*}", "JSON 오류: {0}"),
    ("UTF-8 error: {*}", "UTF-8 오류: {0}"),
    ("Base64 error: {*}", "Base64 오류: {0}"),
    ("Signing failed: {*}", "서명 실패: {0}"),
];

/// A part of a parsed pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    /// Fixed text.
    Lit(&'static str),
    /// A variable part.
    Hole(Hole),
}

/// What a hole may catch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hole {
    /// Anything without `"; "`.
    Text,
    /// Anything.
    Any,
    /// No whitespace.
    Word,
    /// ASCII digits.
    Number,
}

impl Hole {
    /// Whether `s` fits. Every kind is prefix-closed: if `s` does not fit, no longer
    /// text starting with `s` does either.
    fn fits(self, s: &str) -> bool {
        match self {
            Hole::Text => !s.contains("; "),
            Hole::Any => true,
            Hole::Word => !s.chars().any(char::is_whitespace),
            Hole::Number => s.bytes().all(|b| b.is_ascii_digit()),
        }
    }
}

/// A parsed rule.
struct Rule {
    pieces: Vec<Piece>,
    ko: &'static str,
}

fn parse(pattern: &'static str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut lit_start = 0;
    let mut i = 0;
    let bytes = pattern.as_bytes();
    while i < bytes.len() {
        let hole = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'{', Some(b'}'), _) => Some((Hole::Text, 2)),
            (b'{', Some(b'*'), Some(b'}')) => Some((Hole::Any, 3)),
            (b'{', Some(b'w'), Some(b'}')) => Some((Hole::Word, 3)),
            (b'{', Some(b'n'), Some(b'}')) => Some((Hole::Number, 3)),
            _ => None,
        };
        match hole {
            Some((kind, len)) => {
                if lit_start < i {
                    pieces.push(Piece::Lit(&pattern[lit_start..i]));
                }
                pieces.push(Piece::Hole(kind));
                i += len;
                lit_start = i;
            }
            None => i += 1,
        }
    }
    if lit_start < pattern.len() {
        pieces.push(Piece::Lit(&pattern[lit_start..]));
    }
    pieces
}

fn fixed_len(pieces: &[Piece]) -> usize {
    pieces.iter().map(|p| if let Piece::Lit(l) = p { l.len() } else { 0 }).sum()
}

/// The rules, parsed once, in the order they are tried: first those that start with a
/// hole (they wrap other texts: a log line, `… → 401`, `… at line 1 column 2`, or
/// start with a bare name or number), then the others; within each group the most
/// fixed text first.
fn rules() -> &'static [Rule] {
    static RULES_PARSED: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES_PARSED.get_or_init(|| {
        let mut v: Vec<Rule> = RULES.iter().map(|&(en, ko)| Rule { pieces: parse(en), ko }).collect();
        v.sort_by_key(|r| (!matches!(r.pieces.first(), Some(Piece::Hole(_))), std::cmp::Reverse(fixed_len(&r.pieces))));
        v
    })
}

/// Matches all of `s` against `pieces`, pushing what the holes caught (shortest first,
/// backtracking).
fn matches<'s>(pieces: &[Piece], s: &'s str, caps: &mut Vec<&'s str>) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return s.is_empty();
    };
    match *first {
        Piece::Lit(l) => s.strip_prefix(l).is_some_and(|tail| matches(rest, tail, caps)),
        Piece::Hole(kind) => {
            let ends: Vec<usize> = match rest.first() {
                None if s.is_empty() => Vec::new(),
                None => vec![s.len()],
                Some(Piece::Lit(l)) => s.match_indices(l).map(|(i, _)| i).filter(|&i| i > 0).collect(),
                // two holes side by side: not used by any rule
                Some(Piece::Hole(_)) => Vec::new(),
            };
            for end in ends {
                let cap = &s[..end];
                if !kind.fits(cap) {
                    break;
                }
                caps.push(cap);
                if matches(rest, &s[end..], caps) {
                    return true;
                }
                caps.pop();
            }
            false
        }
    }
}

/// Puts the translated captures into a Korean template.
fn fill(template: &str, caps: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + caps.iter().map(String::len).sum::<usize>());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let mut chars = after.chars();
        match (chars.next().and_then(|c| c.to_digit(10)), chars.next()) {
            (Some(d), Some('}')) if (d as usize) < caps.len() => {
                out.push_str(&caps[d as usize]);
                rest = &after[2..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Korean for `text` (see the module docs). `depth` guards the recursion.
fn translate(text: &str, depth: usize) -> String {
    if text.is_empty() || depth > 16 {
        return text.to_string();
    }
    let mut caps = Vec::new();
    for rule in rules() {
        caps.clear();
        if matches(&rule.pieces, text, &mut caps) {
            let done: Vec<String> = caps.iter().map(|c| translate(c, depth + 1)).collect();
            return fill(rule.ko, &done);
        }
    }
    for sep in ["; ", ", "] {
        if text.contains(sep) {
            return text.split(sep).map(|p| translate(p, depth + 1)).collect::<Vec<_>>().join(sep);
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ko(s: &str) -> String {
        localize(Lang::Ko, s)
    }

    #[test]
    fn english_is_left_alone() {
        let s = "sid 3f2a…c8d1 found on A → alice";
        assert_eq!(localize(Lang::En, s), s);
    }

    #[test]
    fn variable_parts_pass_through_and_nest() {
        assert_eq!(ko("round robin → B"), "라운드 로빈 → B");
        assert_eq!(ko("sid 3f2a…c8d1 found on A → alice"), "sid 3f2a…c8d1: A에서 찾음 → alice");
        assert_eq!(
            ko("not logged in: sid 1b9f…8c79: no such session on B"),
            "로그인하지 않았어요: sid 1b9f…8c79: 그런 세션 없음 (서버 B)"
        );
        assert_eq!(
            ko("GET /me → 401 (sid 1b9f…8c79: no such session on B → 401)"),
            "GET /me → 401 (sid 1b9f…8c79: 그런 세션 없음 (서버 B) → 401)"
        );
        assert_eq!(ko("token expired 2 min 5 s ago"), "토큰이 2분 5초 전에 만료됐어요");
    }

    #[test]
    fn joined_notes_are_split() {
        assert_eq!(
            ko("Cookie attached by the browser: sid, lb; rt not sent: path /token does not match /me"),
            "브라우저가 붙인 쿠키: sid, lb; 쿠키 rt 안 보냄: 쿠키 경로(/token)가 요청 경로(/me)와 맞지 않음"
        );
    }

    #[test]
    fn unknown_text_is_unchanged() {
        assert_eq!(ko("alice"), "alice");
        assert_eq!(ko("{ ... }"), "{ ... }");
        assert_eq!(ko("cookie "), "cookie ", "a hole is never empty");
        assert_eq!(fill("{0}와 {1} {", &["a".into(), "b".into()]), "a와 b {");
    }
}
