/** Defines the tags, then mounts the Vue app. */
import 'rtc-elements/define';
import { createApp } from 'vue';
import App from './App.vue';

// typescript-eslint cannot read .vue files (App is an unknown type to it); vue-tsc checks them, see ../tsconfig.json.
// eslint-disable-next-line @typescript-eslint/no-unsafe-argument
createApp(App).mount('#app');
