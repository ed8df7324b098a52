//! Every route declares who may use it. Routes are only added through [`Routes`], which
//! records the rule in an inventory (listed by tests and `korpu routes`) and wraps the handler in
//! a guard that enforces it. Object-level checks ("is this mentor assigned to this client?")
//! live in the services.

use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use serde::Serialize;
use utoipa::openapi::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

use super::Role;
use super::current_user::MaybeUser;
use crate::app::AppState;
use crate::error::AppError;

/// Who may use a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "roles")]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user, whatever their roles.
    SignedIn,
    /// A signed-in user holding at least one of these roles.
    Roles(&'static [Role]),
}

impl Access {
    /// Admins only.
    pub const ADMIN: Access = Access::Roles(&[Role::Admin]);
    /// Coordinators and admins.
    pub const STAFF: Access = Access::Roles(&[Role::Admin, Role::Coordinator]);

    /// Whether `user` passes this rule.
    pub fn check(&self, user: &MaybeUser) -> Result<(), AppError> {
        match (self, &user.0) {
            (Access::Public, _) => Ok(()),
            (_, None) => Err(AppError::Unauthenticated),
            (Access::SignedIn, Some(_)) => Ok(()),
            (Access::Roles(roles), Some(user)) => user.require_any(roles),
        }
    }
}

/// One route of the service with its rule.
#[derive(Clone, Debug, Serialize)]
pub struct RouteInfo {
    /// HTTP method.
    #[serde(serialize_with = "serialize_method")]
    pub method: Method,
    /// Path pattern, e.g. `/api/v1/clients/{id}`.
    pub path: String,
    /// Who may use it.
    pub access: Access,
}

fn serialize_method<S: serde::Serializer>(m: &Method, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(m.as_str())
}

async fn guard(State(access): State<Access>, request: Request, next: Next) -> Response {
    let user = request
        .extensions()
        .get::<MaybeUser>()
        .cloned()
        .unwrap_or_default();
    match access.check(&user) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

/// A router that cannot take a route without its access rule.
#[derive(Default)]
pub struct Routes {
    router: OpenApiRouter<AppState>,
    inventory: Vec<RouteInfo>,
}

macro_rules! page_method {
    ($name:ident, $method:ident, $axum:path) => {
        #[doc = concat!("Adds a `", stringify!($method), "` page route with its access rule.")]
        pub fn $name<H, T>(self, path: &str, access: Access, handler: H) -> Self
        where
            H: Handler<T, AppState>,
            T: 'static,
        {
            self.method(Method::$method, path, access, $axum(handler))
        }
    };
}

impl Routes {
    /// An empty set of routes.
    pub fn new() -> Self {
        Self::default()
    }

    page_method!(get, GET, axum::routing::get);
    page_method!(post, POST, axum::routing::post);

    fn method(
        mut self,
        method: Method,
        path: &str,
        access: Access,
        route: MethodRouter<AppState>,
    ) -> Self {
        self.inventory.push(RouteInfo {
            method,
            path: path.to_owned(),
            access,
        });
        self.router = self
            .router
            .route(path, route.route_layer(from_fn_with_state(access, guard)));
        self
    }

    /// Adds JSON API handlers collected by `utoipa_axum::routes!`, documented in OpenAPI.
    pub fn api(
        mut self,
        access: Access,
        (schemas, paths, route): UtoipaMethodRouter<AppState>,
    ) -> Self {
        for (path, item) in &paths.paths {
            let operations = [
                (Method::GET, item.get.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::PATCH, item.patch.is_some()),
                (Method::DELETE, item.delete.is_some()),
            ];
            for (method, present) in operations {
                if present {
                    self.inventory.push(RouteInfo {
                        method,
                        path: path.clone(),
                        access,
                    });
                }
            }
        }
        let route = route.route_layer(from_fn_with_state(access, guard));
        self.router = self.router.routes((schemas, paths, route));
        self
    }

    /// Adds all routes of another set.
    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.inventory.extend(other.inventory);
        self
    }

    /// The axum router, the OpenAPI paths and the inventory.
    pub fn into_parts(self) -> (axum::Router<AppState>, OpenApi, Vec<RouteInfo>) {
        let (router, openapi) = self.router.split_for_parts();
        (router, openapi, self.inventory)
    }
}
