// The script an editor pastes: <script type="module" src=".../kifu/embed.js">.
// It only defines the elements; every asset is found next to this file.
import './define.js';
