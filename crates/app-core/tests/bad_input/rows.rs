//! The row model of the matrix: what a row puts on the clipboard, the operation it runs (and what
//! that gave back), what it must end with and the only requests it may send, plus the small
//! builders the row groups share.

use std::sync::Arc;

use app_core::admin_key_input::parse_base_url;
use app_core::key_lifecycle::{Acknowledged, CreateOutcome};
use app_core::{Error, KeySource, Keywarden, NewOrganization, OrgId};
use fake_admin_api::FaultRule;
use openai_admin::{ApiKeyId, ProjectId};

use crate::{REMOTE_KEY, USER_TEXT};

/// What the user left on the clipboard before the operation.
#[derive(Debug, Clone)]
pub enum Clip {
    Empty,
    Image,
    Text(String),
}

/// The operation a row runs.
#[derive(Debug, Clone)]
pub enum Op {
    AddOrg { label: String, base_url: String },
    ReplaceKey,
    ListKeys { project: String },
    CreateKey { project: String, name: String },
    RevokePreview { project: String },
    CopyNewKey { reveal: String },
    AcknowledgeNewKey { reveal: String },
    Rotate { name: String, days: Option<u32> },
    ParseBaseUrl { raw: String },
}

/// What an operation gave back when it succeeded.
#[derive(Debug)]
pub enum Done {
    Org { label: String },
    Created(Box<CreateOutcome>),
    Acknowledged(Acknowledged),
    BaseUrl(String),
    Finished,
}

impl Op {
    pub fn name(&self) -> &'static str {
        match self {
            Op::AddOrg { .. } => "add_organization",
            Op::ReplaceKey => "replace_admin_key",
            Op::ListKeys { .. } => "list_keys",
            Op::CreateKey { .. } => "create_key",
            Op::RevokePreview { .. } => "revoke_preview",
            Op::CopyNewKey { .. } => "copy_new_key",
            Op::AcknowledgeNewKey { .. } => "acknowledge_new_key",
            Op::Rotate { .. } => "rotate_admin_key",
            Op::ParseBaseUrl { .. } => "parse_base_url",
        }
    }

    pub async fn run(
        self,
        kw: Arc<Keywarden>,
        acme: OrgId,
        request_id: String,
    ) -> Result<Done, Error> {
        match self {
            Op::AddOrg { label, base_url } => {
                let new = NewOrganization {
                    label,
                    base_url: Some(base_url),
                    source: KeySource::Clipboard,
                };
                let added = kw.add_organization(new).await?;
                Ok(Done::Org {
                    label: added.org.label,
                })
            }
            Op::ReplaceKey => {
                kw.replace_admin_key(&acme, KeySource::Clipboard).await?;
                Ok(Done::Finished)
            }
            Op::ListKeys { project } => {
                kw.org(&acme)?.list_keys(&ProjectId::from(project)).await?;
                Ok(Done::Finished)
            }
            Op::CreateKey { project, name } => {
                let project = ProjectId::from(project);
                let outcome = kw
                    .org(&acme)?
                    .create_key(&project, &name, &Default::default(), &request_id)
                    .await?;
                Ok(Done::Created(Box::new(outcome)))
            }
            Op::RevokePreview { project } => {
                let key = ApiKeyId::from("key_does_not_matter");
                kw.org(&acme)?
                    .revoke_preview(&ProjectId::from(project), &key)
                    .await?;
                Ok(Done::Finished)
            }
            Op::CopyNewKey { reveal } => {
                kw.org(&acme)?.copy_new_key(&reveal).await?;
                Ok(Done::Finished)
            }
            Op::AcknowledgeNewKey { reveal } => Ok(Done::Acknowledged(
                kw.org(&acme)?.acknowledge_new_key(&reveal, true)?,
            )),
            Op::Rotate { name, days } => {
                kw.org(&acme)?.rotate_admin_key(&name, days).await?;
                Ok(Done::Finished)
            }
            Op::ParseBaseUrl { raw } => Ok(Done::BaseUrl(parse_base_url(Some(&raw)))),
        }
    }
}

/// What a row must end with.
#[derive(Debug, Clone)]
pub enum Expect {
    /// Refused: the message says what is wrong (`says`) and what to do (`todo`); nothing changes.
    Refused {
        says: &'static str,
        todo: &'static str,
    },
    /// Refused with a message that names the problem, for inputs no person types (ids come from
    /// Keywarden's own lists, so only a confused webview sends these); nothing changes.
    Clear { says: &'static str },
    /// Accepted, and the name is kept exactly as typed (markup included).
    Literal(String),
    /// Accepted: a blank base URL means OpenAI's own; nothing changes.
    OpenAiDefault,
    /// Accepted: acknowledging a reveal that was never held wipes nothing; nothing changes.
    NothingToWipe,
}

pub struct Row {
    /// The input, in words.
    pub input: String,
    pub clipboard: Clip,
    pub fault: Option<FaultRule>,
    pub op: Op,
    pub expect: Expect,
    /// The only requests the row may send (`remote GET /v1/…`); none unless listed.
    pub may_send: Vec<String>,
}

pub fn refused(says: &'static str, todo: &'static str) -> Expect {
    Expect::Refused { says, todo }
}

pub fn row(input: impl Into<String>, clipboard: Clip, op: Op, expect: Expect) -> Row {
    Row {
        input: input.into(),
        clipboard,
        fault: None,
        op,
        expect,
        may_send: Vec::new(),
    }
}

impl Row {
    pub fn may_send(mut self, requests: &[String]) -> Self {
        self.may_send.extend(requests.iter().cloned());
        self
    }

    pub fn with_fault(mut self, rule: FaultRule) -> Self {
        self.fault = Some(rule);
        self
    }
}

pub fn key_on_clipboard() -> Clip {
    Clip::Text(REMOTE_KEY.into())
}

pub fn user_text() -> Clip {
    Clip::Text(USER_TEXT.into())
}

pub fn add(label: &str, base_url: &str) -> Op {
    Op::AddOrg {
        label: label.into(),
        base_url: base_url.into(),
    }
}
