import {completeSignIn} from "./auth.js";

completeSignIn().then(target => location.replace(target)).catch(error => {
  const message = document.getElementById("message");
  message.textContent = "Sign-in failed: " + error.message;
  message.hidden = false;
});
