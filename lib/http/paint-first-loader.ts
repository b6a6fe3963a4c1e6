/**
 * The browser side of lib/http/paint-first.ts, inlined once into a page before the first queued
 * script (the portal's CSP allows inline scripts). Kept minified by hand: it is in every page.
 *
 * Scripts: `__portalScript(src)` queues Next's scripts until the browser reports the first paint
 * with content as shown (the first-contentful-paint entry: a frame of bare backgrounds may come
 * first, and a requestAnimationFrame only says a frame started; compiling then still delays the
 * frame that shows the page), after 1.5 s at the latest; a hidden tab, which paints nothing, gets
 * them at once. They stay async, as Next emits them, so their order does not change.
 *
 * Reveals: React's inline runtime holds a Suspense boundary that arrives after the first frame
 * until 300 ms after that frame (its global `$RT`, the time of the last reveal, set from a
 * requestAnimationFrame in the shell), so that more parts appear together. The portal's pages
 * arrive whole or within milliseconds (a kept page is the complete document), and that hold kept
 * the dashboard behind its skeleton for 150–250 ms after the first paint. `$RT` reads as unset
 * here, which React's runtime takes as "reveal at the next frame".
 *
 * Clicks: between the first paint and hydration the page shows buttons that React does not yet
 * listen to, and a click there would be lost (or submit a form the browser's way). Until the root
 * layout's HydrationSignal calls `__portalHydrated()`, a click inside a button, a [role=button] or
 * a table row (rows open their cluster) is held; then it is dispatched again on the same element.
 * React refuses a click in a part of the page it has not hydrated yet (a Suspense boundary whose
 * code or data is still on its way: it stops the event before it reaches its target), so a
 * dispatch that did not reach its target is tried again every 50 ms, for 5 s at most: within the
 * time the visitor's gesture still counts for a file chooser or a wallet's window. The replayed
 * click never submits a form by itself, whether React took it or not; a submit button's form is
 * submitted once the click has been taken. Links and form fields keep the browser's own behaviour.
 */
export const LOADER = `(function(){Object.defineProperty(self,"$RT",{configurable:true,get:function(){},set:function(){}});var held=[],live=false;document.addEventListener("click",function(e){if(live)return;var t=e.target,c=t&&t.closest&&t.closest("a[href],input,textarea,select,label,summary,button,[role=button],tr");if(!c||!c.matches("button,[role=button],tr"))return;e.preventDefault();e.stopImmediatePropagation();held.push(t)},true);function deliver(t,until){var e=new MouseEvent("click",{bubbles:true,cancelable:true,composed:true}),got=false;function g(x){if(x===e)x.preventDefault()}function m(){got=true}self.addEventListener("click",g,true);t.addEventListener("click",m,true);t.dispatchEvent(e);self.removeEventListener("click",g,true);t.removeEventListener("click",m,true);if(!got){if(Date.now()<until)setTimeout(function(){deliver(t,until)},50);return}var b=t.closest("button");if(b&&b.type==="submit"&&b.form)b.form.requestSubmit(b)}self.__portalHydrated=function(){if(live)return;live=true;var until=Date.now()+5e3;held.splice(0).forEach(function(t){deliver(t,until)})};var q=[],on=false;function add(u){var s=document.createElement("script");s.src=u;s.async=true;document.head.appendChild(s)}self.__portalScript=function(u){on?add(u):q.push(u)};function go(){if(!on){on=true;q.splice(0).forEach(add)}}if(document.visibilityState!=="visible")return go();setTimeout(go,1500);var P=self.PerformanceObserver;if(P&&P.supportedEntryTypes&&P.supportedEntryTypes.indexOf("paint")>=0)new P(function(l,o){if(l.getEntriesByName("first-contentful-paint").length){o.disconnect();setTimeout(go,0)}}).observe({type:"paint",buffered:true});else requestAnimationFrame(function(){requestAnimationFrame(go)})})()`;
