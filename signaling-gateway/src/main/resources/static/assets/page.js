// What every staff page does first: find the tab's user or offer to sign in, check the roles.
import {currentUser, hasRole, signIn, signOut} from "./auth.js";
import {$, h, replace, userBar} from "./dom.js";

/** Resolves with the signed-in user holding one of the roles; until then shows the sign-in panel. */
export async function staffPage(roles, what) {
  const gate = $("#gate");
  const main = $("#app");
  const user = await currentUser();
  if (!user) {
    main.hidden = true;
    const button = h("button", {type: "button", onclick: () => signIn().catch(error => show(error.message))}, "Sign in");
    const message = h("p", {role: "alert", class: "error", hidden: true});
    const show = text => { message.textContent = text; message.hidden = false; };
    replace(gate, h("h2", {}, "Sign in"), h("p", {}, what), button, message);
    gate.hidden = false;
    button.focus();
    return new Promise(() => {});
  }
  userBar($("#user"), user, () => signOut());
  if (!hasRole(user, ...roles)) {
    main.hidden = true;
    replace(gate, h("h2", {}, "Not allowed"),
      h("p", {role: "alert"}, "This page needs the role " + roles.join(" or ") + "; "
        + (user.claims.preferred_username ?? "this login") + " has " + ((user.claims.roles ?? []).join(", ") || "none") + "."));
    gate.hidden = false;
    return new Promise(() => {});
  }
  gate.hidden = true;
  main.hidden = false;
  return user;
}
